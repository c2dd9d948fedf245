import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { replayErasures } from '../../src/cli/erasure-replay';
import { referralBody, uniquePerson } from '../support/referrals-factory';
import { AppInstance } from './support/app-instance';
import { LocalPostgres } from './support/local-postgres';

const CHANNELS = ['gp_practice', 'charity', 'self'] as const;
const REPORT = '/api/reports/service-access?from=2000-01-01&to=2099-12-31&by=channel';

/**
 * The procedure in docs/backup.md, end to end: a database with data is dumped with pg_dump
 * (custom format), restored with pg_restore into a fresh database, and an app pointed at the
 * restored database (with the same DATA_DIR secrets) gives the same report and can read the
 * encrypted notes; an erasure made after the backup is applied again by the replay
 * (`npm run erasures:replay`'s own function). It needs pg_dump/pg_restore of the server's own major version, so it runs
 * its own PostgreSQL from the machine's toolchain rather than the shared embedded server.
 */
describe('reliability: backup and restore', () => {
  let pg: LocalPostgres;
  const apps: AppInstance[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'linkway-backup-app-'));
  const settings = (database: string) => ({
    DATABASE_URL: pg.url(database),
    DATA_DIR: dataDir,
    DEMO_DATA: 'false',
    SUPPRESSION_THRESHOLD: '2',
    RATE_LIMIT_PER_MINUTE: '100000',
  });

  beforeAll(async () => {
    pg = await LocalPostgres.start();
    await sql('postgres', 'CREATE DATABASE linkway');
  }, 120_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    await pg?.stop();
  });

  async function sql(database: string, text: string): Promise<Record<string, unknown>[]> {
    const client = new Client({ connectionString: pg.url(database) });
    await client.connect();
    try {
      return (await client.query(text)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  }

  async function start(database: string): Promise<AppInstance> {
    const app = await AppInstance.start(settings(database));
    apps.push(app);
    return app;
  }

  /** Row counts of every table: the restore must bring back all of it, not just what a report reads. */
  async function tableCounts(database: string): Promise<Record<string, number>> {
    const client = new Client({ connectionString: pg.url(database) });
    await client.connect();
    try {
      return await countTables(client);
    } finally {
      await client.end();
    }
  }

  async function countTables(client: Client): Promise<Record<string, number>> {
    const { rows: tables } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const counts: Record<string, number> = {};
    for (const { table_name } of tables) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table_name}"`,
      );
      counts[table_name] = rows[0].n;
    }
    return counts;
  }

  /**
   * A dump and the row counts it holds, from one snapshot. The app keeps writing on its own (the
   * offer-expiry job claims a slot every 15 minutes), so counting after the dump could see a row
   * the dump was taken before.
   */
  async function dumpWithCounts(database: string, file: string): Promise<Record<string, number>> {
    const client = new Client({ connectionString: pg.url(database) });
    await client.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
      const counts = await countTables(client);
      pg.run('pg_dump', [
        '--format=custom',
        '--no-owner',
        `--snapshot=${rows[0].id}`,
        `--file=${file}`,
        database,
      ]);
      await client.query('COMMIT');
      return counts;
    } finally {
      await client.end();
    }
  }

  /** The report without when it was generated (the report and each section it embeds). */
  const withoutTime = (report: Record<string, unknown>): unknown =>
    JSON.parse(
      JSON.stringify(report, (key, value: unknown) => (key === 'generatedAt' ? undefined : value)),
    );

  it('restores a pg_dump into a fresh database with the same report totals and readable notes', async () => {
    const source = await start('linkway');
    const linkWorker = await source.newUser('link_worker');
    const commissioner = await source.newUser('commissioner');
    const admin = await source.newUser('admin');

    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await source.http
        .post('/api/referrals')
        .set('Authorization', linkWorker.auth)
        .send(referralBody({ channel: CHANNELS[i % 3], person: uniquePerson(`Backup${i}`) }))
        .expect(201);
      ids.push(res.body.id);
    }
    for (const id of ids.slice(0, 6)) {
      await source.http
        .post(`/api/referrals/${id}/assign`)
        .set('Authorization', linkWorker.auth)
        .send({ linkWorkerId: linkWorker.id })
        .expect(200);
      await source.http
        .post(`/api/referrals/${id}/accept`)
        .set('Authorization', linkWorker.auth)
        .expect(201);
    }
    const before = await source.http
      .get(REPORT)
      .set('Authorization', commissioner.auth)
      .expect(200);
    expect(before.body.totals).toMatchObject({ referrals: 12, accepted: 6 });

    const dump = pg.file('linkway.dump');
    const dumped = await dumpWithCounts('linkway', dump);
    expect(statSync(dump).size).toBeGreaterThan(0);
    await sql('postgres', 'CREATE DATABASE linkway_restored');
    pg.run('pg_restore', ['--no-owner', '--exit-on-error', '--dbname=linkway_restored', dump]);

    expect(await tableCounts('linkway_restored')).toEqual(dumped);

    // An erasure made after the backup: the restored copy brings the person back until replayed.
    const [{ person_id: erasedId }] = await sql(
      'linkway',
      `SELECT person_id FROM referral WHERE id = '${ids[1]}'`,
    );
    // Before it, a second record of the same person was merged into theirs: in the restored copy
    // that record is still a person of its own, and must go too.
    const [{ person_id: absorbedId }] = await sql(
      'linkway',
      `SELECT person_id FROM referral WHERE id = '${ids[3]}'`,
    );
    await source.http
      .post(`/api/people/${String(absorbedId)}/merge`)
      .set('Authorization', admin.auth)
      .send({ intoPersonId: erasedId })
      .expect(200);
    await source.http
      .post(`/api/people/${String(erasedId)}/erase`)
      .set('Authorization', admin.auth)
      .send({})
      .expect(200);
    const personIn = async (database: string, id = erasedId) =>
      (
        await sql(
          database,
          `SELECT erased_at IS NOT NULL AS erased, date_of_birth, postcode FROM person WHERE id = '${String(id)}'`,
        )
      )[0];
    expect(await personIn('linkway_restored')).toMatchObject({ erased: false });
    expect(await personIn('linkway_restored', absorbedId)).toMatchObject({ erased: false });

    const restored = await start('linkway_restored');
    // docs/backup.md: replay the erasures recorded in the old database since the backup.
    const replay = () =>
      replayErasures(restored.app, { sourceUrl: pg.url('linkway') }, (line) => lines.push(line));
    const lines: string[] = [];
    expect(await replay()).toMatchObject({ erased: 2, already_erased: 0, not_here: 0 });
    expect(lines.join('\n')).toContain(`1/2 ${String(erasedId)}: erased`);
    expect(lines.join('\n')).toContain(`2/2 ${String(absorbedId)}: erased`);
    for (const id of [erasedId, absorbedId])
      expect(await personIn('linkway_restored', id)).toEqual({
        erased: true,
        date_of_birth: null,
        postcode: null,
      });
    // Idempotent: a second run finds the person erased and changes nothing.
    const countsAfterReplay = await tableCounts('linkway_restored');
    expect(await replay()).toMatchObject({ erased: 0, already_erased: 2 });
    expect(await tableCounts('linkway_restored')).toEqual(countsAfterReplay);

    // Tokens live in the database, so the same sign-in works against the restored copy.
    const after = await restored.http
      .get(REPORT)
      .set('Authorization', commissioner.auth)
      .expect(200);
    expect(withoutTime(after.body)).toEqual(withoutTime(before.body));

    // Encrypted notes come back readable only because DATA_DIR's key was kept with the backup.
    const referral = await restored.http
      .get(`/api/referrals/${ids[0]}`)
      .set('Authorization', linkWorker.auth)
      .expect(200);
    expect(referral.body.summary).toBe('Isolated since moving to the area; low mood.');
  }, 240_000);
});
