import type { INestApplicationContext } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  PersonDataService,
  type RecordedErasure,
  type ReplayOutcome,
} from '../casework/person-data.service';

export interface ReplayOptions {
  /**
   * The database the backup was taken of, whose audit log recorded the erasures since: its
   * entries that this (restored) database lacks are those made after the backup. Without it,
   * every erasure in this database's own log is applied again.
   */
  sourceUrl?: string;
  /** Only erasures recorded at or after this moment. */
  since?: Date;
}

export type ReplaySummary = Record<ReplayOutcome, number> & { recorded: number };

const ERASURES_SQL = `
  SELECT id, at, actor_id, entity_id, detail FROM audit_event
   WHERE action = 'erase' AND entity = 'person' AND entity_id IS NOT NULL AND at >= $1
   ORDER BY at, id`;

/** Every merge ever recorded: whom each kept person absorbed (their ids, not their details). */
const MERGES_SQL = `
  SELECT detail->>'mergedPersonId' AS merged, detail->>'keptPersonId' AS kept FROM audit_event
   WHERE action = 'merge' AND entity = 'person' AND detail ? 'mergedPersonId'`;

interface MergeRow {
  merged: string;
  kept: string;
}

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  entity_id: string;
  detail: Record<string, unknown> | null;
}

/**
 * `npm run erasures:replay`: after a restore, applies again every erasure and retention
 * anonymisation recorded since the backup, one transaction each, so nobody erased since comes back.
 * Running it twice changes nothing the second time (its own audit entries are new ids here, so
 * the source's entries are still the ones this copy lacks; each person is found already erased).
 */
export async function replayErasures(
  app: INestApplicationContext,
  options: ReplayOptions,
  progress: (line: string) => void = () => undefined,
): Promise<ReplaySummary> {
  const here = app.get(DataSource);
  const since = options.since ?? new Date(0);
  const { rows, merges } = options.sourceUrl
    ? await readSource(options.sourceUrl, since)
    : {
        rows: (await here.query(ERASURES_SQL, [since])) as AuditRow[],
        merges: (await here.query(MERGES_SQL)) as MergeRow[],
      };
  const recorded = options.sourceUrl ? await notHere(here, rows) : rows;
  // A person erased twice (by request, then a replay there) needs one replay here; a person
  // merged into them there after the backup is still a record of their own here, so goes too.
  const erasures = [
    ...new Map(
      recorded.flatMap((r) =>
        [r.entity_id, ...absorbedBy(r.entity_id, merges)].map(
          (personId) => [personId, { ...toRecorded(r), personId }] as const,
        ),
      ),
    ).values(),
  ];
  const summary: ReplaySummary = {
    recorded: recorded.length,
    erased: 0,
    already_erased: 0,
    not_here: 0,
  };
  const where = options.sourceUrl ? 'in the source database after the backup' : 'here';
  const from = options.since ? ` since ${since.toISOString()}` : '';
  progress(`Replaying ${erasures.length} erasures recorded ${where}${from}.`);
  const people = app.get(PersonDataService);
  for (const [i, erasure] of erasures.entries()) {
    const outcome = await people.replayErasure(erasure);
    summary[outcome] += 1;
    progress(`  ${i + 1}/${erasures.length} ${erasure.personId}: ${WORDS[outcome]}`);
  }
  progress(
    `Done: ${summary.erased} erased now, ${summary.already_erased} already erased, ${summary.not_here} not in this database.`,
  );
  return summary;
}

const WORDS: Record<ReplayOutcome, string> = {
  erased: 'erased',
  already_erased: 'already erased',
  not_here: 'not in this database (recorded after the backup)',
};

const toRecorded = (r: AuditRow): RecordedErasure => ({
  auditId: r.id,
  at: new Date(r.at),
  personId: r.entity_id,
  actorId: r.actor_id,
  detail: r.detail,
});

/** The audit log is append-only and its ids are random: an entry this copy lacks came after the backup. */
async function notHere(db: DataSource, rows: AuditRow[]): Promise<AuditRow[]> {
  const present = (await db.query('SELECT id FROM audit_event WHERE id = ANY($1::uuid[])', [
    rows.map((r) => r.id),
  ])) as { id: string }[];
  const known = new Set(present.map((r) => r.id));
  return rows.filter((r) => !known.has(r.id));
}

/** Everyone merged into this person, and into those, and so on. */
function absorbedBy(personId: string, merges: readonly MergeRow[]): string[] {
  const found: string[] = [];
  for (let frontier = [personId]; frontier.length > 0;) {
    frontier = merges
      .filter(
        (m) => frontier.includes(m.kept) && m.merged !== personId && !found.includes(m.merged),
      )
      .map((m) => m.merged);
    found.push(...frontier);
  }
  return found;
}

async function readSource(
  url: string,
  since: Date,
): Promise<{ rows: AuditRow[]; merges: MergeRow[] }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const rows = (await client.query<AuditRow>(ERASURES_SQL, [since])).rows;
    const merges = (await client.query<MergeRow>(MERGES_SQL)).rows;
    return { rows, merges };
  } finally {
    await client.end();
  }
}
