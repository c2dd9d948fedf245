import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DomainError } from '../common/domain-error';
import { appConfig } from '../config/configuration';
import { ConfigurationError } from '../config/environment';
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
    try {
      await this.users.create(
        { email: admin.email, name: 'Administrator', role: 'admin', password: admin.password },
        null,
      );
    } catch (e) {
      // A person chose this password, so the policy applies; the start stops, naming the setting.
      if (e instanceof DomainError && e.code === 'weak_password') {
        throw new ConfigurationError(
          `Invalid configuration:\n  BOOTSTRAP_ADMIN_PASSWORD: ${e.errors?.[0]?.message ?? e.message}`,
        );
      }
      throw e;
    }
    this.logger.log(`Created the bootstrap admin ${admin.email}`);
  }
}
