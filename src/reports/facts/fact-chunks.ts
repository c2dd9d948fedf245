/**
 * The report facts packed by service and month (migration ReportFactChunks): each chunk holds a
 * service's fact rows for a month, in referral order, as fixed-width big-endian records, with its
 * needs alongside and a dictionary per text column. This module reads them back.
 */

/** The text columns coded in a record, in record order (as the migration writes them). */
export const CHUNK_TEXT_COLUMNS = [
  'channel',
  'service',
  'migrant_status',
  'country_of_birth',
  'main_language',
  'interpreter_needed',
  'age_band',
  'sex',
  'area',
  'year_of_arrival_band',
] as const;
export type ChunkTextColumn = (typeof CHUNK_TEXT_COLUMNS)[number];

/** The flags of a record's int2 of flags, lowest bit first. */
export const CHUNK_FLAG_COLUMNS = [
  'accepted',
  'placed',
  'attended',
  'completed',
  'sole_referral',
  'has_country_of_birth',
  'has_nationality',
  'has_year_of_arrival',
  'has_main_language',
  'has_migrant_status',
  'has_interpreter_needed',
] as const;
export type ChunkFlag = (typeof CHUNK_FLAG_COLUMNS)[number];

/** The float8 columns of a record (NaN stands for NULL). */
export const CHUNK_FLOAT_COLUMNS = [
  'days_to_first_contact',
  'days_to_placement',
  'swemwbs_change',
] as const;

const DAY_BYTES = 4;
const CODE_BYTES = 4;
const FLAGS_AT = DAY_BYTES + CODE_BYTES * CHUNK_TEXT_COLUMNS.length;
const FLOATS_AT = FLAGS_AT + 2;
const NEED_COUNT_AT = FLOATS_AT + 8 * CHUNK_FLOAT_COLUMNS.length;
/** Bytes in one record: day, codes, flags, floats, count of needs. */
export const CHUNK_RECORD_BYTES = NEED_COUNT_AT + 4;

const EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;

/** A London date (YYYY-MM-DD) as the records store it: days since 1 January 2000. */
export function chunkDay(date: string): number {
  // Parsed as an ISO date, not by Date.UTC, which reads years 0–99 as 1900–1999.
  return Math.round((Date.parse(`${date}T00:00:00Z`) - EPOCH_MS) / DAY_MS);
}

/** Chunks one rebuild call takes (at a million referrals, about 0.5 s each). */
export const REBUILD_BATCH = 6;

/** Rebuilds at most `batch` chunks whose fact rows changed since, and returns how many. */
export const rebuildFactChunksSql = (batch = REBUILD_BATCH) =>
  `SELECT linkway_rebuild_report_fact_chunks(${Math.trunc(batch)}) AS rebuilt`;

/**
 * Rebuilds every stale chunk, a batch per transaction (`inTransaction` runs the SQL in one of its
 * own): after refreshing the facts, before reading the chunks. Returns the chunks rebuilt.
 */
export async function rebuildFactChunks(
  inTransaction: (sql: string) => Promise<{ rebuilt: number }[]>,
  batch = REBUILD_BATCH,
): Promise<number> {
  let rebuilt = 0;
  for (;;) {
    const [row] = await inTransaction(rebuildFactChunksSql(batch));
    rebuilt += Number(row.rebuilt);
    if (Number(row.rebuilt) < batch) return rebuilt;
  }
}

/**
 * At the start of a read of the chunks of the period [$1, $2] in the transaction's scope: true
 * when they are current, and then they stay so, and agree with the fact rows, until the read's
 * transaction ends (migration ReportFactChunks).
 */
export const FACT_CHUNKS_CURRENT_SQL = `SELECT linkway_report_fact_chunks_current(
  current_setting('linkway.services', true), to_char($1::date, 'YYYY-MM'),
  to_char($2::date, 'YYYY-MM')) AS current`;

/** A chunk as the database returns it. */
export interface FactChunkRow {
  readonly month: string;
  readonly row_count: number;
  readonly dictionaries: Readonly<Record<string, readonly string[] | null>>;
  readonly rows: Buffer;
  readonly needs: Buffer;
}

/** One chunk's records, read in place. */
export class FactChunk {
  readonly month: string;
  readonly rowCount: number;
  private readonly records: DataView;
  private readonly needCodes: DataView;

  constructor(private readonly row: FactChunkRow) {
    this.month = row.month;
    this.rowCount = Number(row.row_count);
    this.records = new DataView(row.rows.buffer, row.rows.byteOffset, row.rows.byteLength);
    this.needCodes = new DataView(row.needs.buffer, row.needs.byteOffset, row.needs.byteLength);
    if (row.rows.byteLength !== this.rowCount * CHUNK_RECORD_BYTES) {
      throw new Error(
        `fact chunk ${row.month}: ${row.rows.byteLength} bytes for ${this.rowCount} rows`,
      );
    }
  }

  /** The values a text column's codes stand for: code c is values[c − 1], code 0 is NULL. */
  dictionary(column: ChunkTextColumn | 'need'): readonly string[] {
    return this.row.dictionaries[column] ?? [];
  }

  day(i: number): number {
    return this.records.getInt32(i * CHUNK_RECORD_BYTES);
  }

  code(i: number, column: number): number {
    return this.records.getInt32(i * CHUNK_RECORD_BYTES + DAY_BYTES + column * CODE_BYTES);
  }

  flags(i: number): number {
    return this.records.getInt16(i * CHUNK_RECORD_BYTES + FLAGS_AT);
  }

  /** A float column of row i, or NaN for NULL. */
  float(i: number, column: number): number {
    return this.records.getFloat64(i * CHUNK_RECORD_BYTES + FLOATS_AT + 8 * column);
  }

  needCount(i: number): number {
    return this.records.getInt32(i * CHUNK_RECORD_BYTES + NEED_COUNT_AT);
  }

  /** The need code at position `at` of the chunk's needs (rows' needs follow each other). */
  needCode(at: number): number {
    return this.needCodes.getInt32(at * CODE_BYTES);
  }
}

/** The bit of a flag in a record's flags. */
export const flagBit = (flag: ChunkFlag) => 1 << CHUNK_FLAG_COLUMNS.indexOf(flag);
