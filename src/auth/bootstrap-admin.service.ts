import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../config/configuration';
import { UsersService } from './users.service';

/** Creates the first admin from BOOTSTRAP_ADMIN_EMAIL/PASSWORD when no admin exists yet. */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly users: UsersService,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.app.bootstrapAdmin;
    if (!admin || (await this.users.adminExists())) return;
    await this.users.create(
      { email: admin.email, name: 'Administrator', role: 'admin', password: admin.password },
      null,
    );
    this.logger.log(`Created the bootstrap admin ${admin.email}`);
  }
}
