import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { UsersService } from '../auth/users.service';
import type { OrganisationKind } from '../common/vocabulary';
import { appConfig } from '../config/configuration';
import { OrganisationsService } from '../organisations/organisations.service';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-logins';

const DEMO_ORGANISATIONS: { name: string; kind: OrganisationKind; postcode: string }[] = [
  { name: 'Radford Health Centre', kind: 'gp_practice', postcode: 'NG7 5GX' },
  { name: 'St Ann’s Library', kind: 'library', postcode: 'NG3 4JB' },
  { name: 'Nottingham Fire and Rescue', kind: 'fire_service', postcode: 'NG5 8PP' },
  { name: 'Refugee Women’s Circle', kind: 'community_group', postcode: 'NG7 6HB' },
  { name: 'Hyson Green Community Kitchen', kind: 'community_group', postcode: 'NG7 5LL' },
];

/** Fills an empty database with a small, realistic world so `npm start` shows a working system. */
@Injectable()
export class DemoDataService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.app.demoData) return;
    if ((await this.organisations.list({ limit: 1 })).items.length > 0) {
      this.printLogins();
      return;
    }
    this.logger.log('Loading demo data into the empty database…');
    const orgIds = new Map<string, string>();
    for (const [i, org] of DEMO_ORGANISATIONS.entries()) {
      orgIds.set(org.name, (await this.organisations.create(org, null)).id);
      this.logger.log(`  organisations ${i + 1}/${DEMO_ORGANISATIONS.length}`);
    }
    for (const [i, u] of DEMO_USERS.entries()) {
      if (u.role === 'admin' && (await this.users.adminExists())) continue;
      await this.users.create(
        {
          email: u.email,
          name: u.name,
          role: u.role,
          password: DEMO_PASSWORD,
          organisationId: u.org ? orgIds.get(u.org) : undefined,
        },
        null,
      );
      this.logger.log(`  users ${i + 1}/${DEMO_USERS.length}`);
    }
    this.printLogins();
  }

  private printLogins(): void {
    const lines = DEMO_USERS.map((u) => `    ${u.role.padEnd(18)} ${u.email}`);
    console.log(`\nDemo sign-ins (password for all: ${DEMO_PASSWORD}):\n${lines.join('\n')}\n`);
  }
}
