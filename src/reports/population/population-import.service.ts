import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { ALL_AGES, classify, type PopulationKind } from './census-labels';

export interface PopulationImportProgress {
  /** Data rows read so far (the header excluded). */
  readonly read: number;
  /** Population figures written (one per area, category and age band). */
  readonly written: number;
  readonly rejected: number;
}

export interface RejectedRow {
  /** Line of the file (1 is the header). */
  readonly line: number;
  readonly reason: string;
}

export interface PopulationImportResult extends PopulationImportProgress {
  readonly rejectedRows: readonly RejectedRow[];
  /** Columns or categories left out: totals, broader groups, bands that are not five-year. */
  readonly leftOut: readonly string[];
  readonly kinds: readonly PopulationKind[];
}

export interface PopulationImportOptions {
  /** The table's name as ONS gives it (TS021…); otherwise taken from the file name or 'Census 2021'. */
  readonly source?: string;
  readonly censusDate?: string;
}

interface Figure {
  areaCode: string;
  areaName: string | null;
  kind: PopulationKind;
  category: string;
  ageBand: string;
  count: number;
}

type Key = Pick<Figure, 'kind' | 'category' | 'ageBand'>;

const AREA_CODE = /^[EWSNK]\d{8}$/;
const COUNT = /^\d{1,9}$/;
const BATCH = 1000;
const MAX_REJECTED_LISTED = 200;
export const CENSUS_2021_DAY = '2021-03-21';

/**
 * Loads Census 2021 population counts in either shape ONS publishes them:
 *
 * - a Nomis bulk table (`census2021-ts021-ltla.csv`): `date, geography, geography code`, then a
 *   column per category (`Ethnic group: White: Irish`, `Age: Aged 5 to 9 years`, cross-tables as
 *   `Sex: Female; Age: Aged 5 to 9 years`, with or without `; measures: Value`);
 * - an ONS custom dataset or RM table (`<geography> Code, <geography>, <variable> (N categories)
 *   Code, <variable> (N categories)`, … , `Observation`), one row per combination.
 *
 * Totals, broader groups and age bands other than the ESP2013 five-year bands are left out (and
 * named); rows with a bad area code or count are rejected (and listed), the rest loaded. The whole
 * file is one transaction; a figure loaded again replaces the earlier one.
 */
@Injectable()
export class PopulationImportService {
  constructor(private readonly dataSource: DataSource) {}

  async import(
    stream: Readable,
    options: PopulationImportOptions = {},
    onProgress: (progress: PopulationImportProgress) => void = () => undefined,
  ): Promise<PopulationImportResult> {
    const source = (options.source ?? 'Census 2021').slice(0, 40);
    const censusDate = options.censusDate ?? CENSUS_2021_DAY;
    return this.dataSource.transaction(async (em) => {
      const parser = stream.pipe(
        parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }),
      );
      let layout: Layout | undefined;
      let read = 0;
      let written = 0;
      let rejectedCount = 0;
      const rejectedRows: RejectedRow[] = [];
      const kinds = new Set<PopulationKind>();
      let batch: Figure[] = [];
      const flush = async () => {
        written += await this.upsert(em, batch, source, censusDate);
        batch = [];
      };
      for await (const { record, info } of parser as AsyncIterable<{
        record: string[];
        info: { lines: number };
      }>) {
        if (layout === undefined) {
          layout = layoutOf(record);
          continue;
        }
        read += 1;
        const figures = layout.figures(record);
        if ('reason' in figures) {
          rejectedCount += 1;
          if (rejectedRows.length < MAX_REJECTED_LISTED) {
            rejectedRows.push({ line: info.lines, reason: figures.reason });
          }
        } else {
          for (const f of figures) kinds.add(f.kind);
          batch.push(...figures);
        }
        if (batch.length >= BATCH) await flush();
        if (read % BATCH === 0) onProgress({ read, written, rejected: rejectedCount });
      }
      if (layout === undefined) throw new RangeError('The file is empty: no header row');
      await flush();
      onProgress({ read, written, rejected: rejectedCount });
      return {
        read,
        written,
        rejected: rejectedCount,
        rejectedRows,
        leftOut: layout.leftOut,
        kinds: [...kinds],
      };
    });
  }

  /** One multi-row upsert; figures for the same key within the batch are added together. */
  private async upsert(
    em: EntityManager,
    figures: readonly Figure[],
    source: string,
    censusDate: string,
  ): Promise<number> {
    if (figures.length === 0) return 0;
    const merged = new Map<string, Figure>();
    for (const f of figures) {
      const key = [f.areaCode, f.kind, f.category, f.ageBand].join('|');
      const earlier = merged.get(key);
      merged.set(key, earlier ? { ...earlier, count: earlier.count + f.count } : { ...f });
    }
    const rows = [...merged.values()];
    const values = rows.map((_, i) => {
      const p = i * 6;
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${rows.length * 6 + 1}, $${rows.length * 6 + 2}, now())`;
    });
    await em.query(
      `INSERT INTO population_count
         (area_code, area_name, kind, category, age_band, count, source, census_date, imported_at)
       VALUES ${values.join(', ')}
       ON CONFLICT (area_code, kind, category, age_band) DO UPDATE
         SET count = EXCLUDED.count, area_name = COALESCE(EXCLUDED.area_name, population_count.area_name),
             source = EXCLUDED.source, census_date = EXCLUDED.census_date, imported_at = now()`,
      [
        ...rows.flatMap((r) => [
          r.areaCode,
          r.areaName?.slice(0, 150) ?? null,
          r.kind,
          r.category,
          r.ageBand,
          r.count,
        ]),
        source,
        censusDate,
      ],
    );
    return rows.length;
  }
}

interface Layout {
  readonly leftOut: string[];
  figures(record: string[]): Figure[] | { reason: string };
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The header decides the shape; anything else is refused as not a Census table. */
function layoutOf(header: string[]): Layout {
  const names = header.map(clean);
  const lower = names.map((n) => n.toLowerCase());
  if (lower.includes('geography code')) return wideLayout(names, lower);
  if (lower.includes('observation')) return longLayout(names, lower);
  throw new RangeError(
    'Not a Census table this import knows: expected a Nomis bulk file (with a "geography code" column) or an ONS custom dataset (with an "Observation" column)',
  );
}

/** Variables and labels of one column heading: `Sex: Female; Age: Aged 5 to 9 years`. */
function partsOf(heading: string): { variable: string; label: string }[] | null {
  const body = heading.replace(/\s*;?\s*measures:\s*value\s*$/i, '').replace(/\s+;/g, ';');
  const parts = body.split(/;\s*/).map((part) => {
    const at = part.indexOf(':');
    return at < 0 ? null : { variable: part.slice(0, at), label: part.slice(at + 1) };
  });
  return parts.every((p) => p !== null) ? (parts as { variable: string; label: string }[]) : null;
}

/** What one combination of variable labels is, as a population figure's key. */
function keyOf(parts: readonly { variable: string; label: string }[]): Key | 'skip' | null {
  let kind: PopulationKind | undefined;
  let category: string | undefined;
  let ageBand = ALL_AGES;
  let ageGiven = false;
  for (const { variable, label } of parts) {
    const c = classify(variable, label);
    if (c === null) return null;
    if ('aggregate' in c) return 'skip';
    const isAge = /^\s*age\b/i.test(variable);
    if ('total' in c) {
      if (!isAge) return 'skip';
      ageGiven = true;
      continue;
    }
    if (c.kind === 'ageBand') {
      ageBand = c.category;
      ageGiven = true;
      continue;
    }
    if (kind !== undefined) return null; // two categories at once (sex by ethnicity) is not a row of ours
    kind = c.kind;
    category = c.category;
  }
  if (kind === undefined) {
    return ageGiven && ageBand !== ALL_AGES
      ? { kind: 'ageBand', category: ageBand, ageBand }
      : 'skip';
  }
  return { kind, category: category as string, ageBand };
}

function wideLayout(names: string[], lower: string[]): Layout {
  const codeAt = lower.indexOf('geography code');
  const nameAt = lower.indexOf('geography');
  const fixed = new Set([codeAt, nameAt, lower.indexOf('date')]);
  const columns: { at: number; key: Key }[] = [];
  const leftOut: string[] = [];
  names.forEach((heading, at) => {
    if (fixed.has(at)) return;
    const parts = partsOf(heading);
    const key = parts ? keyOf(parts) : null;
    if (key === null || key === 'skip') leftOut.push(heading);
    else columns.push({ at, key });
  });
  if (columns.length === 0) {
    throw new RangeError(
      'No column of this file is a Census category the equity report uses (ethnic group, country of birth, sex or five-year age band)',
    );
  }
  return {
    leftOut,
    figures(record) {
      const areaCode = clean(record[codeAt] ?? '');
      if (!AREA_CODE.test(areaCode)) return { reason: `"${areaCode}" is not an ONS area code` };
      const areaName = nameAt >= 0 ? clean(record[nameAt] ?? '') || null : null;
      const figures: Figure[] = [];
      for (const { at, key } of columns) {
        const raw = clean(record[at] ?? '');
        if (!COUNT.test(raw)) {
          return { reason: `"${raw}" in column "${names[at]}" is not a whole number of people` };
        }
        figures.push({ areaCode, areaName, ...key, count: Number(raw) });
      }
      return figures;
    },
  };
}

function longLayout(names: string[], lower: string[]): Layout {
  const countAt = lower.indexOf('observation');
  const codeColumns = lower.flatMap((n, i) => (n.endsWith(' code') ? [i] : []));
  if (codeColumns.length < 2) {
    throw new RangeError('An ONS custom dataset needs an area code column and a variable column');
  }
  const [areaCodeAt, ...variableCodeAts] = codeColumns;
  const labelAt = (codeAt: number) => lower.indexOf(lower[codeAt].replace(/ code$/, ''));
  const areaNameAt = labelAt(areaCodeAt);
  const variables = variableCodeAts.map((codeAt) => ({
    name: names[codeAt].replace(/ code$/i, ''),
    at: labelAt(codeAt),
  }));
  const missing = variables.find((v) => v.at < 0);
  if (missing) throw new RangeError(`The column "${missing.name}" is missing beside its code`);
  const leftOut = new Set<string>();
  return {
    get leftOut() {
      return [...leftOut];
    },
    figures(record) {
      const areaCode = clean(record[areaCodeAt] ?? '');
      if (!AREA_CODE.test(areaCode)) return { reason: `"${areaCode}" is not an ONS area code` };
      const raw = clean(record[countAt] ?? '');
      if (!COUNT.test(raw)) return { reason: `"${raw}" is not a whole number of people` };
      const parts = variables.map((v) => ({ variable: v.name, label: clean(record[v.at] ?? '') }));
      const key = keyOf(parts);
      if (key === null || key === 'skip') {
        leftOut.add(parts.map((p) => `${p.variable}: ${p.label}`).join('; '));
        return [];
      }
      const areaName = areaNameAt >= 0 ? clean(record[areaNameAt] ?? '') || null : null;
      return [{ areaCode, areaName, ...key, count: Number(raw) }];
    },
  };
}
