import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client, Pool, type ClientConfig } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../src/app.module';
import { configureApp, createHttpAdapter } from '../../src/app.setup';
import { AuthService } from '../../src/auth/auth.service';
import { UsersService } from '../../src/auth/users.service';
import type { AuthenticatedUser } from '../../src/common/auth/authenticated-user';
import type { Role } from '../../src/common/vocabulary';
import { OrganisationsService } from '../../src/organisations/organisations.service';
import { databaseUrl, SERVER_URL_ENV, TEMPLATE_DATABASE } from '../setup/test-database';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  organisationId: string | null;
  serviceId: string | null;
  token: string;
  /** Authorization header value. */
  auth: string;
}

/** The user as services see them, for calling a service directly in a test. */
export const asActor = (u: TestUser): AuthenticatedUser => ({
  id: u.id,
  email: u.email,
  name: u.email,
  role: u.role,
  organisationId: u.organisationId,
  serviceId: u.serviceId,
  reportServiceIds: [],
});

/**
 * A real Linkway app on its own database, cloned from the migrated template: the same modules,
 * global pipe, filter, guards and Express pipeline as production.
 */
export class TestContext {
  private seq = 0;

  private constructor(
    readonly app: INestApplication,
    /** Direct access to this test file's database, to check what was (not) written. */
    readonly db: Pool,
    private readonly databaseName: string,
  ) {}

  static async create(env: Record<string, string> = {}): Promise<TestContext> {
    const serverUrl = process.env[SERVER_URL_ENV];
    if (!serverUrl)
      throw new Error('The test database server is not running (global setup failed)');
    const databaseName = `t_${randomUUID().replace(/-/g, '')}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${databaseName} TEMPLATE ${TEMPLATE_DATABASE}`);
    await admin.end();

    Object.assign(process.env, {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl(serverUrl, databaseName),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'linkway-app-')),
      DEMO_DATA: 'false',
      LOG_LEVEL: 'silent',
      // Tests drive the jobs with their own clock; none fires at a wall-clock edge mid-test.
      SCHEDULED_JOBS_ENABLED: 'false',
      // Tests deliver the outbox themselves (OutboxWorker.deliverDue), at a time they choose.
      NOTIFICATIONS_WORKER_ENABLED: 'false',
      ...env,
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication(createHttpAdapter(), { bodyParser: false });
    configureApp(app);
    await app.init();
    const db = new Pool({ connectionString: databaseUrl(serverUrl, databaseName), max: 4 });
    return new TestContext(app, db, databaseName);
  }

  /** A connection of its own to the test database, outside the pool (another instance's, say). */
  async ownConnection(options: Omit<ClientConfig, 'connectionString'> = {}): Promise<Client> {
    const { connectionString } = (this.db as unknown as { options: { connectionString: string } })
      .options;
    const client = new Client({ ...options, connectionString });
    await client.connect();
    return client;
  }

  get http(): TestAgent {
    return request(this.app.getHttpServer());
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.db.end();
  }

  async count(table: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return rows[0].n;
  }

  /** Row counts of every table, to prove a rejected request changed nothing. */
  async snapshot(): Promise<Record<string, number>> {
    const { rows } = await this.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
         AND table_name NOT IN ('typeorm_migrations', 'session', 'login_attempt', 'audit_event') ORDER BY 1`,
    );
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.table_name] = await this.count(`"${r.table_name}"`);
    return counts;
  }

  async newOrganisation(
    overrides: { name?: string; kind?: Parameters<OrganisationsService['create']>[0]['kind'] } = {},
  ) {
    return this.app.get(OrganisationsService).create(
      {
        name: overrides.name ?? `Organisation ${++this.seq}`,
        kind: overrides.kind ?? 'charity',
        postcode: 'NG7 1AA',
      },
      null,
    );
  }

  /** A user of the role, with an API token; coordinators and referrers get an organisation of their own. */
  async newUser(
    role: Role,
    overrides: {
      organisationId?: string;
      email?: string;
      caseloadLimit?: number;
      serviceId?: string;
      serviceIds?: string[];
      languages?: string[];
    } = {},
  ): Promise<TestUser> {
    const needsOrg = role === 'group_coordinator' || role === 'referrer';
    const organisationId =
      overrides.organisationId ??
      (needsOrg
        ? (
            await this.newOrganisation({
              kind: role === 'referrer' ? 'gp_practice' : 'community_group',
            })
          ).id
        : undefined);
    const user = await this.app.get(UsersService).create(
      {
        email: overrides.email ?? `${role}.${++this.seq}.${randomUUID().slice(0, 8)}@test.example`,
        name: `${role} ${this.seq}`,
        role,
        password: TEST_PASSWORD,
        organisationId,
        caseloadLimit: overrides.caseloadLimit,
        serviceId: overrides.serviceId,
        serviceIds: overrides.serviceIds,
        languages: overrides.languages,
      },
      null,
    );
    const { accessToken } = await this.app.get(AuthService).issueToken({ ...user });
    return {
      id: user.id,
      email: user.email,
      role,
      organisationId: user.organisationId,
      serviceId: user.serviceId,
      token: accessToken,
      auth: `Bearer ${accessToken}`,
    };
  }
}
