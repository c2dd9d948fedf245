import { Module } from '@nestjs/common';
import { ServicesModule } from '../services/services.module';
import { SyntheticDataService } from './synthetic-data.service';

/**
 * Bulk synthetic data for reports and benchmarks (`npm run seed:synthetic`). Seeding may know
 * every module's tables: it writes them with set-based SQL, which no module's service offers
 * for a million rows. Nothing here runs by itself; the CLI and the tests call it.
 */
@Module({
  imports: [ServicesModule],
  providers: [SyntheticDataService],
  exports: [SyntheticDataService],
})
export class SeedingModule {}
