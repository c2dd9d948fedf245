import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, type QueryRunner } from 'typeorm';
import { ReferralReportFacts1796420000000 } from '../migrations/1796420000000-ReferralReportFacts';
import { dataSourceOptions } from '../src/database/data-source-options';
import { databaseUrl, SERVER_URL_ENV, TEMPLATE_DATABASE } from './setup/test-database';

/**
 * Migration ReferralReportFacts on people erased before it: their facts are frozen from what the
 * old erasure left (date of birth, outward postcode, year of arrival), then those are removed;
 * people on record are left to the live facts.
 */
describe('Migration: report facts (issue 22) on people erased before it', () => {
  const serverUrl = process.env[SERVER_URL_ENV]!;
  const name = `t_${randomUUID().replace(/-/g, '')}`;
  let dataSource: DataSource;
  let runner: QueryRunner;
  const migration = new ReferralReportFacts1796420000000();
  const erased = { person: randomUUID(), referral: randomUUID() };
  const living = { person: randomUUID(), referral: randomUUID() };

  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    (await runner.query(sql, params)) as T[];

  beforeAll(async () => {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
    await admin.end();
    dataSource = new DataSource(dataSourceOptions(databaseUrl(serverUrl, name)));
    await dataSource.initialize();
    runner = dataSource.createQueryRunner();
    await migration.down(runner);

    await q(
      `INSERT INTO postcode_area (postcode, ward_code, lsoa_code, local_authority_code, local_authority_name)
       VALUES ('NG71AA', 'E05012277', 'E01033406', 'E06000018', 'Nottingham')`,
    );
    const person = (p: typeof erased, postcode: string, erasedAt: string | null) =>
      q(
        `INSERT INTO person (id, given_name_encrypted, date_of_birth, sex, postcode, erased_at, service_id)
         VALUES ($1, 'sealed', '1990-05-01', 'female', $2, $3, (SELECT id FROM service WHERE is_default))`,
        [p.person, postcode, erasedAt],
      );
    const referral = (p: typeof erased) =>
      q(
        `INSERT INTO referral (id, reference, status, channel, person_id, person_details_encrypted, reasons,
           consent_referral_discussed, consent_date, received_at, service_id)
         VALUES ($1, $2, 'received', 'gp_practice', $3, 'sealed', '{housing}', true, '2026-03-10',
                 '2026-03-10T10:00:00Z', (SELECT id FROM service WHERE is_default))`,
        [p.referral, `M-${p.referral.slice(0, 8)}`, p.person],
      );
    await person(erased, 'NG7', '2026-04-01T00:00:00Z');
    await person(living, 'NG7 1AA', null);
    for (const p of [erased, living]) {
      await referral(p);
      await q(
        `INSERT INTO migration_profile (person_id, migrant_status, country_of_birth, nationality, year_of_arrival)
         VALUES ($1, 'refugee', 'SY', 'SY', 2015)`,
        [p.person],
      );
    }
    await migration.up(runner);
  });

  afterAll(async () => {
    await runner?.release();
    await dataSource?.destroy();
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  });

  it('freezes an erased person’s facts from what was left, then removes date of birth, postcode and year', async () => {
    const [facts] = await q('SELECT * FROM report_referral_facts WHERE id = $1', [erased.referral]);
    expect(facts).toMatchObject({
      frozen: true,
      age_band: '35-49',
      age_floor: 35,
      sex: 'female',
      migrant_status: 'refugee',
      country_of_birth: 'SY',
      has_nationality: true,
      year_of_arrival_band: '10_plus',
      has_year_of_arrival: true,
      // The outward code was in no lookup: "unknown", as reports showed it before.
      local_authority_code: null,
    });
    const [person] = await q(
      `SELECT p.date_of_birth, p.postcode, mp.year_of_arrival, mp.nationality
         FROM person p JOIN migration_profile mp ON mp.person_id = p.id WHERE p.id = $1`,
      [erased.person],
    );
    expect(person).toEqual({
      date_of_birth: null,
      postcode: null,
      year_of_arrival: null,
      nationality: null,
    });
  });

  it('leaves people on record whole, their facts worked out live', async () => {
    const [facts] = await q('SELECT * FROM report_referral_facts WHERE id = $1', [living.referral]);
    expect(facts).toMatchObject({
      frozen: false,
      age_band: '35-49',
      local_authority_code: 'E06000018',
      lsoa_code: 'E01033406',
    });
    const [person] = await q('SELECT postcode FROM person WHERE id = $1', [living.person]);
    expect(person).toEqual({ postcode: 'NG7 1AA' });
  });
});
