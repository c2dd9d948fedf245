import { createReadStream } from 'node:fs';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { AuthenticatedUser } from '../common/auth/authenticated-user';
import { UsersService } from '../auth/users.service';
import type { OrganisationKind } from '../common/vocabulary';
import { appConfig } from '../config/configuration';
import { OrganisationsService } from '../organisations/organisations.service';
import { NeedsService } from '../casework/needs.service';
import { VETTING_CHECKS_BY_LEVEL, type VettingCheck } from '../common/vocabulary';
import { DirectoryService } from '../directory/directory.service';
import { VettingService } from '../directory/vetting.service';
import { CapacityService } from '../placements/capacity.service';
import { PlacementsService } from '../placements/placements.service';
import { ReferralsService } from '../referrals/referrals.service';
import { PopulationImportService } from '../reports/population/population-import.service';
import {
  populationSourceOf,
  SAMPLE_POPULATION_FILES,
} from '../reports/population/sample-population';
import { PostcodeImportService } from '../services/postcodes/postcode-import.service';
import { SAMPLE_POSTCODES_CSV } from '../services/postcodes/sample-postcodes';
import { SyntheticDataService } from '../seeding/synthetic-data.service';
import { ServicesService } from '../services/services.service';
import { DEMO_GROUPS } from './demo-groups';
import {
  DEMO_PASSWORD,
  DEMO_SERVICES,
  DEMO_USERS,
  demoServiceName,
  type DemoService,
} from './demo-logins';
import { DEMO_COUNCIL_REFERRALS, DEMO_REFERRALS } from './demo-referrals';

type ServiceIds = Record<DemoService, string>;

const DEMO_ORGANISATIONS: {
  name: string;
  kind: OrganisationKind;
  postcode: string;
  odsCode?: string;
  service?: DemoService;
}[] = [
  {
    name: 'Radford Health Centre',
    kind: 'gp_practice',
    postcode: 'NG7 5GX',
    odsCode: 'C84123',
    service: 'pcn',
  },
  { name: 'St Ann’s Library', kind: 'library', postcode: 'NG3 4JB' },
  { name: 'Nottingham Fire and Rescue', kind: 'fire_service', postcode: 'NG5 8PP' },
  { name: 'Refugee Women’s Circle', kind: 'community_group', postcode: 'NG7 6HB' },
  { name: 'Hyson Green Community Kitchen', kind: 'community_group', postcode: 'NG7 5LL' },
];

const DAY = 86_400_000;
/** About two years of a two-team service's referrals. */
const DEMO_HISTORY_REFERRALS = 3000;

/** Fills an empty database with a small, realistic world so `npm start` shows a working system. */
@Injectable()
export class DemoDataService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
    private readonly referrals: ReferralsService,
    private readonly needs: NeedsService,
    private readonly directory: DirectoryService,
    private readonly vetting: VettingService,
    private readonly capacity: CapacityService,
    private readonly placements: PlacementsService,
    private readonly postcodes: PostcodeImportService,
    private readonly services: ServicesService,
    private readonly population: PopulationImportService,
    private readonly synthetic: SyntheticDataService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.app.demoData) return;
    if ((await this.organisations.list({ limit: 1 })).items.length > 0) {
      this.printLogins();
      return;
    }
    this.logger.log('Loading demo data into the empty database…');
    // The shipped Nottingham extract: self-referrals are routed by it (Rushcliffe's to the
    // council), and the demo reports show wards rather than "unknown".
    await this.postcodes.import(createReadStream(SAMPLE_POSTCODES_CSV));
    this.logger.log('  postcode lookup: sample loaded');
    // So the equity report shows rates on first start; its notes say the figures are SYNTHETIC.
    for (const file of SAMPLE_POPULATION_FILES)
      await this.population.import(createReadStream(file), { source: populationSourceOf(file) });
    this.logger.log(
      '  population: the SYNTHETIC sample loaded (invented figures, not Census counts)',
    );
    const serviceIds = await this.seedServices();
    const orgIds = await this.seedOrganisations(serviceIds);
    const people = await this.seedUsers(orgIds, serviceIds);
    const admin = people.get('admin@linkway.example');
    const groupIds = admin ? await this.seedGroups(orgIds, admin) : new Map<string, string>();
    const caseIds = await this.seedReferrals(people);
    await this.seedCouncilReferrals(people);
    await this.seedFirstOffer(people, caseIds, groupIds);
    await this.seedHistory(serviceIds);
    this.printLogins();
  }

  /**
   * Two years of past referrals across both services (closed, with former link workers), so the
   * reports show trends, breakdowns and equity rates on first start instead of a page of [c].
   * They are SYNTHETIC: every such person is called "Synthetic" and every reference starts SYN-.
   */
  private async seedHistory(serviceIds: ServiceIds): Promise<void> {
    await this.synthetic.generate(
      {
        referrals: DEMO_HISTORY_REFERRALS,
        seed: 2026,
        batchSize: 1000,
        receivedDaysAgo: { oldest: 730, newest: 45 },
        history: { serviceIds: [serviceIds.pcn, serviceIds.council] },
      },
      (p) => this.logger.log(`  history (synthetic referrals) ${p.referrals}/${p.of}`),
    );
  }

  /**
   * The PCN is the default service renamed, so everything a fresh install routes nowhere else
   * (and the existing demo sign-ins) lands there; the council team covers Rushcliffe.
   */
  private async seedServices(): Promise<ServiceIds> {
    const pcn = await this.services.defaultServiceId();
    await this.services.update(pcn, DEMO_SERVICES.pcn, null);
    const council = await this.services.create(
      {
        ...DEMO_SERVICES.council,
        localAuthorityCodes: [...DEMO_SERVICES.council.localAuthorityCodes],
      },
      null,
    );
    this.logger.log('  services: 2');
    return { pcn, council: council.id };
  }

  private async seedOrganisations(serviceIds: ServiceIds): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const [i, { service, ...org }] of DEMO_ORGANISATIONS.entries()) {
      const serviceId = service ? serviceIds[service] : undefined;
      ids.set(org.name, (await this.organisations.create({ ...org, serviceId }, null)).id);
      this.logger.log(`  organisations ${i + 1}/${DEMO_ORGANISATIONS.length}`);
    }
    return ids;
  }

  private async seedUsers(
    orgIds: Map<string, string>,
    serviceIds: ServiceIds,
  ): Promise<Map<string, AuthenticatedUser>> {
    const byEmail = new Map<string, AuthenticatedUser>();
    for (const [i, u] of DEMO_USERS.entries()) {
      if (u.role === 'admin' && (await this.users.adminExists())) continue;
      const created = await this.users.createDemoUser({
        email: u.email,
        name: u.name,
        role: u.role,
        password: DEMO_PASSWORD,
        organisationId: u.org ? orgIds.get(u.org) : undefined,
        serviceId: u.service ? serviceIds[u.service] : undefined,
        languages: u.languages,
      });
      byEmail.set(u.email, { ...created, reportServiceIds: created.serviceIds });
      this.logger.log(`  users ${i + 1}/${DEMO_USERS.length}`);
    }
    return byEmail;
  }

  /**
   * The PCN's referrals from several doors; the first two are taken on by Lina as cases, the third
   * assigned to her.
   */
  private async seedReferrals(users: Map<string, AuthenticatedUser>): Promise<string[]> {
    const referrer = users.get('referrer@linkway.example');
    const lina = users.get('linkworker@linkway.example');
    if (!referrer || !lina) return [];
    const caseIds: string[] = [];
    for (const [i, { by, ...input }] of DEMO_REFERRALS.entries()) {
      const actor = by === 'referrer' ? referrer : by === 'linkworker' ? lina : null;
      const { id } = await this.referrals.create(input, actor, undefined, 'demo');
      if (i < 3) await this.referrals.assign(id, lina.id, lina);
      if (i < 2) caseIds.push((await this.referrals.accept(id, lina)).caseId);
      this.logger.log(`  referrals ${i + 1}/${DEMO_REFERRALS.length}`);
    }
    return caseIds;
  }

  /**
   * The council's referrals: two self-referrals from Rushcliffe (routed there by postcode) and one
   * from its link worker, Chloe, who takes the first on as a case and has the second assigned.
   */
  private async seedCouncilReferrals(users: Map<string, AuthenticatedUser>): Promise<void> {
    const chloe = users.get('council.linkworker@linkway.example');
    if (!chloe) return;
    for (const [i, { by, ...input }] of DEMO_COUNCIL_REFERRALS.entries()) {
      const { id } = await this.referrals.create(
        input,
        by === 'council' ? chloe : null,
        undefined,
        'demo',
      );
      if (i < 2) await this.referrals.assign(id, chloe.id, chloe);
      if (i < 1) await this.referrals.accept(id, chloe);
      this.logger.log(`  council referrals ${i + 1}/${DEMO_COUNCIL_REFERRALS.length}`);
    }
  }

  /** Groups vetted to their level by the admin, with capacity set; one check lapses soon. */
  private async seedGroups(
    orgIds: Map<string, string>,
    admin: AuthenticatedUser,
  ): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const [i, { org, level, expiringInDays, capacity, ...group }] of DEMO_GROUPS.entries()) {
      const created = await this.directory.createGroup(
        { ...group, organisationId: orgIds.get(org) },
        admin,
      );
      ids.set(group.name, created.id);
      const checks: VettingCheck[] = ([1, 2, 3] as const)
        .filter((n) => n <= level)
        .flatMap((n) => [...VETTING_CHECKS_BY_LEVEL[n]]);
      for (const [j, check] of checks.entries()) {
        const lapsesInDays = j === 0 && expiringInDays ? expiringInDays : 365;
        await this.vetting.recordVettingCheck(
          created.id,
          {
            check,
            evidence: 'Seen by the demo vetting officer',
            verifiedAt: new Date(Date.now() - 30 * DAY).toISOString(),
            expiresAt: new Date(Date.now() + lapsesInDays * DAY).toISOString(),
          },
          admin,
        );
      }
      if (capacity)
        await this.capacity.setCapacity(
          created.id,
          { intakePaused: false, offerExpiryDays: 7, ...capacity },
          admin,
        );
      this.logger.log(`  groups ${i + 1}/${DEMO_GROUPS.length}`);
    }
    return ids;
  }

  /** Amina's needs are assessed and she is offered a place, so the coordinator's inbox has work. */
  private async seedFirstOffer(
    users: Map<string, AuthenticatedUser>,
    caseIds: string[],
    groupIds: Map<string, string>,
  ): Promise<void> {
    const lina = users.get('linkworker@linkway.example');
    const cafe = groupIds.get('Women’s conversation café');
    if (!lina || !cafe || !caseIds[0]) return;
    await this.needs.assess(caseIds[0], lina, {
      needs: [
        { domain: 'social_connection', severity: 3, priority: true },
        { domain: 'language', severity: 3, priority: true },
        { domain: 'mental_health', severity: 2, priority: false },
      ],
      whatMattersToMe: 'Making friends and speaking English with my neighbours.',
    });
    await this.placements.offer(
      caseIds[0],
      { groupId: cafe, note: 'Would like to practise English; comes with her toddler.' },
      lina,
    );
  }

  private printLogins(): void {
    const lines = DEMO_USERS.map((u) =>
      `    ${u.role.padEnd(18)} ${u.email.padEnd(36)} ${demoServiceName(u) ?? ''}`.trimEnd(),
    );
    console.log(`\nDemo sign-ins (password for all: ${DEMO_PASSWORD}):\n${lines.join('\n')}\n`);
  }
}
