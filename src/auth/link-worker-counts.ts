import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { ServiceStaff } from '../services/services.ports';
import { User } from './user.entity';

/** The SERVICE_STAFF port: how many active link workers each service has. */
@Injectable()
export class LinkWorkerCounts implements ServiceStaff {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async linkWorkersByService(): Promise<Map<string, number>> {
    const rows = await this.users
      .createQueryBuilder('u')
      .select('u.serviceId', 'serviceId')
      .addSelect('count(*)::int', 'n')
      .where("u.role = 'link_worker' AND u.deactivatedAt IS NULL AND u.serviceId IS NOT NULL")
      .groupBy('u.serviceId')
      .getRawMany<{ serviceId: string; n: number }>();
    return new Map(rows.map((r) => [r.serviceId, r.n]));
  }
}
