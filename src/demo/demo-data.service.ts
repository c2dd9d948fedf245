import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { UsersService } from '../auth/users.service';
import type { OrganisationKind } from '../common/vocabulary';
import { appConfig } from '../config/configuration';
import { OrganisationsService } from '../organisations/organisations.service';
import { ReferralsService } from '../referrals/referrals.service';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-logins';
import { DEMO_REFERRALS } from './demo-referrals';

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
    private readonly referrals: ReferralsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.app.demoData) return;
    if ((await this.organisations.list({ limit: 1 })).items.length > 0) {
      this.printLogins();
      return;
    }
    this.logger.log('Loading demo data into the empty database…');
    const orgIds = await this.seedOrganisations();
    const people = await this.seedUsers(orgIds);
    await this.seedReferrals(people);
    this.printLogins();
  }

  private async seedOrganisations(): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const [i, org] of DEMO_ORGANISATIONS.entries()) {
      ids.set(org.name, (await this.organisations.create(org, null)).id);
      this.logger.log(`  organisations ${i + 1}/${DEMO_ORGANISATIONS.length}`);
    }
    return ids;
  }

  private async seedUsers(orgIds: Map<string, string>): Promise<Map<string, AuthenticatedUser>> {
    const byEmail = new Map<string, AuthenticatedUser>();
    for (const [i, u] of DEMO_USERS.entries()) {
      if (u.role === 'admin' && (await this.users.adminExists())) continue;
      const created = await this.users.create(
        {
          email: u.email,
          name: u.name,
          role: u.role,
          password: DEMO_PASSWORD,
          organisationId: u.org ? orgIds.get(u.org) : undefined,
        },
        null,
      );
      byEmail.set(u.email, created);
      this.logger.log(`  users ${i + 1}/${DEMO_USERS.length}`);
    }
    return byEmail;
  }

  /** Referrals from several doors; the first two are taken on by Lina as cases, the third assigned. */
  private async seedReferrals(users: Map<string, AuthenticatedUser>): Promise<void> {
    const referrer = users.get('referrer@linkway.example');
    const lina = users.get('linkworker@linkway.example');
    if (!referrer || !lina) return;
    for (const [i, { by, ...input }] of DEMO_REFERRALS.entries()) {
      const actor = by === 'referrer' ? referrer : by === 'linkworker' ? lina : null;
      const { id } = await this.referrals.create(input, actor, undefined, 'demo');
      if (i < 3) await this.referrals.assign(id, lina.id, lina);
      if (i < 2) await this.referrals.accept(id, lina);
      this.logger.log(`  referrals ${i + 1}/${DEMO_REFERRALS.length}`);
    }
  }

  private printLogins(): void {
    const lines = DEMO_USERS.map((u) => `    ${u.role.padEnd(18)} ${u.email}`);
    console.log(`\nDemo sign-ins (password for all: ${DEMO_PASSWORD}):\n${lines.join('\n')}\n`);
  }
}
