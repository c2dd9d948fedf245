import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, type QueryRunner } from 'typeorm';
import { GroupListingConfirmation1796405089482 } from '../migrations/1796405089482-GroupListingConfirmation';
import { GroupListingChanges1796405623374 } from '../migrations/1796405623374-GroupListingChanges';
import { GroupSessions1796406367386 } from '../migrations/1796406367386-GroupSessions';
import { dataSourceOptions } from '../src/database/data-source-options';
import { databaseUrl, SERVER_URL_ENV, TEMPLATE_DATABASE } from './setup/test-database';

/**
 * The directory-freshness migrations on data written before them: a copy of the migrated
 * template is taken back to before them (their down()), given groups as they used to be, and
 * migrated forward again.
 */
describe('Migrations: directory freshness (issue 21) on existing data', () => {
  const serverUrl = process.env[SERVER_URL_ENV]!;
  const name = `t_${randomUUID().replace(/-/g, '')}`;
  let dataSource: DataSource;
  let runner: QueryRunner;
  const confirmation = new GroupListingConfirmation1796405089482();
  const changes = new GroupListingChanges1796405623374();
  const sessions = new GroupSessions1796406367386();
  const ids: Record<string, string> = {};

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
    await sessions.down(runner);
    await changes.down(runner);
    await confirmation.down(runner);

    const [org] = await q<{ id: string }>(
      `INSERT INTO organisation (name, kind) VALUES ('Old friends', 'community_group') RETURNING id`,
    );
    const group = async (key: string, schedule: string | null, createdAt: string) => {
      const [row] = await q<{ id: string }>(
        `INSERT INTO community_group (organisation_id, name, description, delivery_mode, accessibility,
                                      schedule, created_at)
         VALUES ($1, $2, 'An old group', 'in_person', '{}', $3, $4) RETURNING id`,
        [org.id, key, schedule, createdAt],
      );
      ids[key] = row.id;
    };
    await group('vetted', 'Tuesdays and Thursdays 10:00–12:00, term time', '2025-01-10T12:00:00Z');
    await group('unvetted', 'Ring for times', '2025-06-01T09:00:00Z');
    await group('unscheduled', null, '2025-02-01T09:00:00Z');
    const check = (verifiedAt: string, recordedAt: string) =>
      q(
        `INSERT INTO group_vetting_check (group_id, "check", evidence, verified_at, expires_at, verified_by, recorded_at)
         VALUES ($1, 'insurance', 'Seen', $2, '2030-01-01', $3, $4)`,
        [ids.vetted, verifiedAt, randomUUID(), recordedAt],
      );
    await check('2025-03-01T10:00:00Z', '2025-03-02T10:00:00Z');
    await check('2025-04-15T10:00:00Z', '2025-04-20T10:00:00Z');
  });

  afterAll(async () => {
    await runner?.release();
    await dataSource?.destroy();
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  });

  it('starts existing groups from their last vetting date, or from when they were added', async () => {
    await confirmation.up(runner);
    const rows = await q<{ name: string; last_confirmed_at: Date; assured_at: Date | null }>(
      'SELECT name, last_confirmed_at, assured_at FROM community_group ORDER BY name',
    );
    expect(rows).toEqual([
      {
        name: 'unscheduled',
        last_confirmed_at: new Date('2025-02-01T09:00:00Z'),
        assured_at: null,
      },
      { name: 'unvetted', last_confirmed_at: new Date('2025-06-01T09:00:00Z'), assured_at: null },
      {
        name: 'vetted',
        last_confirmed_at: new Date('2025-04-15T10:00:00Z'),
        assured_at: new Date('2025-04-20T10:00:00Z'),
      },
    ]);
  });

  it('converts free-text schedules into sessions where they read, keeping the rest as notes', async () => {
    await changes.up(runner);
    await q(
      `INSERT INTO community_group_change (group_id, proposed_by, proposed, previous)
       VALUES ($1, $2, $3, $4)`,
      [
        ids.unvetted,
        randomUUID(),
        JSON.stringify({ name: 'New name', schedule: 'Fridays 6-8pm' }),
        JSON.stringify({ name: 'unvetted', schedule: 'Ring for times' }),
      ],
    );
    await sessions.up(runner);

    const rows = await q<{ name: string; weekday: number; starts_at: string; ends_at: string }>(
      `SELECT g.name, s.weekday, s.starts_at, s.ends_at, s.recurrence
         FROM community_group_session s JOIN community_group g ON g.id = s.group_id
        ORDER BY g.name, s.weekday`,
    );
    expect(rows).toEqual([
      {
        name: 'vetted',
        weekday: 2,
        starts_at: '10:00:00',
        ends_at: '12:00:00',
        recurrence: 'weekly',
      },
      {
        name: 'vetted',
        weekday: 4,
        starts_at: '10:00:00',
        ends_at: '12:00:00',
        recurrence: 'weekly',
      },
    ]);
    const notes = await q<{ name: string; schedule_notes: string | null }>(
      'SELECT name, schedule_notes FROM community_group ORDER BY name',
    );
    expect(notes).toEqual([
      { name: 'unscheduled', schedule_notes: null },
      { name: 'unvetted', schedule_notes: 'Ring for times' },
      { name: 'vetted', schedule_notes: 'term time' },
    ]);
    const [change] = await q<{ proposed: object; previous: object }>(
      'SELECT proposed, previous FROM community_group_change',
    );
    expect(change).toEqual({
      proposed: {
        name: 'New name',
        sessions: [{ weekday: 'friday', start: '18:00', end: '20:00', recurrence: 'weekly' }],
        scheduleNotes: null,
      },
      previous: { name: 'unvetted', sessions: [], scheduleNotes: 'Ring for times' },
    });
  });

  it('writes sessions back as text when reverted', async () => {
    await sessions.down(runner);
    const rows = await q<{ name: string; schedule: string | null }>(
      'SELECT name, schedule FROM community_group ORDER BY name',
    );
    expect(rows).toEqual([
      { name: 'unscheduled', schedule: null },
      { name: 'unvetted', schedule: 'Ring for times' },
      { name: 'vetted', schedule: 'Tuesdays 10:00–12:00; Thursdays 10:00–12:00; term time' },
    ]);
    const [change] = await q<{ proposed: object }>('SELECT proposed FROM community_group_change');
    expect(change.proposed).toEqual({ name: 'New name', schedule: 'Fridays 18:00–20:00' });
  });
});
