import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SERVICE_STAFF } from '../services/services.ports';
import { LinkWorkerCounts } from './link-worker-counts';
import { User } from './user.entity';

/**
 * The SERVICE_STAFF port that services reads its link worker counts through. Global, so services
 * can inject it without importing auth (which depends on services).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  providers: [LinkWorkerCounts, { provide: SERVICE_STAFF, useExisting: LinkWorkerCounts }],
  exports: [SERVICE_STAFF],
})
export class ServiceStaffModule {}
