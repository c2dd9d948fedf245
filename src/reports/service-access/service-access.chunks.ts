import type { PoolClient } from 'pg';
import { copyBinaryRows } from '../facts/copy-binary';
import { chunkDay, FactChunk } from '../facts/fact-chunks';
import { ChunkAggregator } from './chunk-aggregates';
import type { AggregateRow, CompletenessCounts } from './service-access.sql';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A validated London date as a SQL literal (COPY takes no parameters). */
function dateLiteral(date: string): string {
  if (!ISO_DATE.test(date)) throw new Error(`Not a date: ${date}`);
  return `'${date}'::date`;
}

/**
 * The period's chunks (months overlapping it), beside the people with several referrals in the
 * period for completeness, in one statement and so one snapshot. The people are grouped by person
 * in the database; a referral that is its person's only one is that person, and those are
 * counted from the chunks. There is always one row: with no chunks, only `shared`.
 */
export function serviceAccessChunksCopySql(period: { from: string; to: string }): string {
  const [from, to] = [dateLiteral(period.from), dateLiteral(period.to)];
  return `COPY (
SELECT shared.completeness, c.month, c.row_count, c.dictionaries, c.rows, c.needs
  FROM (SELECT json_build_object(
                 'people', count(*),
                 'countryOfBirth', count(*) FILTER (WHERE country_of_birth),
                 'nationality', count(*) FILTER (WHERE nationality),
                 'yearOfArrival', count(*) FILTER (WHERE year_of_arrival),
                 'mainLanguage', count(*) FILTER (WHERE main_language),
                 'migrantStatus', count(*) FILTER (WHERE migrant_status),
                 'interpreterNeeded', count(*) FILTER (WHERE interpreter_needed)) AS completeness
          FROM (SELECT bool_or(has_country_of_birth) AS country_of_birth,
                       bool_or(has_nationality) AS nationality,
                       bool_or(has_year_of_arrival) AS year_of_arrival,
                       bool_or(has_main_language) AS main_language,
                       bool_or(has_migrant_status) AS migrant_status,
                       bool_or(has_interpreter_needed) AS interpreter_needed
                  FROM report_referral_fact
                 WHERE local_day BETWEEN ${from} AND ${to} AND NOT sole_referral
                 GROUP BY person_id) people) shared
  LEFT JOIN report_fact_chunk c
    ON c.month BETWEEN to_char(${from}, 'YYYY-MM') AND to_char(${to}, 'YYYY-MM')
 ORDER BY c.month, c.service_id
) TO STDOUT (FORMAT binary)`;
}

const text = (field: Buffer | null) => (field === null ? null : field.toString('utf8'));
/** A jsonb field's binary form: a version byte (1), then the JSON text. */
const jsonb = (field: Buffer) => JSON.parse(field.subarray(1).toString('utf8')) as unknown;

/**
 * The report's aggregates and completeness from the period's chunks, copied from the database on
 * the caller's connection (in its transaction) and added up as each arrives.
 */
export async function readServiceAccessChunks(
  client: PoolClient,
  columns: readonly string[],
  period: { readonly from: string; readonly to: string },
): Promise<{ aggregates: AggregateRow[]; completeness: CompletenessCounts }> {
  const aggregator = new ChunkAggregator(columns, {
    fromDay: chunkDay(period.from),
    toDay: chunkDay(period.to),
  });
  let shared: CompletenessCounts | undefined;
  for await (const [completeness, month, rowCount, dictionaries, rows, needs] of copyBinaryRows(
    client,
    serviceAccessChunksCopySql(period),
  )) {
    shared ??= JSON.parse(text(completeness)!) as CompletenessCounts;
    if (month === null) continue;
    aggregator.add(
      new FactChunk({
        month: text(month)!,
        row_count: rowCount!.readInt32BE(0),
        dictionaries: jsonb(dictionaries!) as Record<string, string[] | null>,
        rows: rows!,
        needs: needs!,
      }),
    );
  }
  const { aggregates, sole } = aggregator.result();
  const completeness = Object.fromEntries(
    Object.entries(sole).map(([field, n]) => [
      field,
      n + Number(shared?.[field as keyof CompletenessCounts] ?? 0),
    ]),
  ) as unknown as CompletenessCounts;
  return { aggregates, completeness };
}
