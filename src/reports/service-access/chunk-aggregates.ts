import {
  CHUNK_FLOAT_COLUMNS,
  CHUNK_TEXT_COLUMNS,
  flagBit,
  type ChunkTextColumn,
  type FactChunk,
} from '../facts/fact-chunks';
import {
  accumulate,
  combine,
  momentsCount,
  momentsMean,
  momentsSd,
  momentsStates,
} from '../statistics/moments';
import { ValueLog } from '../statistics/value-log';
import type { AggregateRow } from './service-access.sql';

const SOLE_FIELDS = [
  ['people', 0],
  ['countryOfBirth', flagBit('has_country_of_birth')],
  ['nationality', flagBit('has_nationality')],
  ['yearOfArrival', flagBit('has_year_of_arrival')],
  ['mainLanguage', flagBit('has_main_language')],
  ['migrantStatus', flagBit('has_migrant_status')],
  ['interpreterNeeded', flagBit('has_interpreter_needed')],
] as const;
export type SoleCounts = Record<(typeof SOLE_FIELDS)[number][0], number>;

/** What a cell counts, side by side in one Int32Array per table: the report's measures. */
const MEASURES = [
  'referrals',
  'accepted',
  'placed',
  'attended',
  'completed',
  'firstContacts',
  'placements',
] as const;
type Measure = (typeof MEASURES)[number];
const AT = Object.fromEntries(MEASURES.map((m, i) => [m, i])) as Record<Measure, number>;
const COUNTS_WIDTH = MEASURES.length;
/** The flags that say which completeness fields a referral has. */
const COMPLETENESS_BITS = SOLE_FIELDS.reduce((bits, [, bit]) => bits | bit, 0);

const ACCEPTED = flagBit('accepted');
const PLACED = flagBit('placed');
const ATTENDED = flagBit('attended');
const COMPLETED = flagBit('completed');
const SOLE = flagBit('sole_referral');
const FIRST_CONTACT = CHUNK_FLOAT_COLUMNS.indexOf('days_to_first_contact');
const PLACEMENT = CHUNK_FLOAT_COLUMNS.indexOf('days_to_placement');
const SWEMWBS = CHUNK_FLOAT_COLUMNS.indexOf('swemwbs_change');

/**
 * A cell's key is its ids as one exact number when they are this many at most, each below the
 * radix; else they are joined as text.
 */
const NUMERIC_KEY_WIDTH = 4;
const KEY_RADIX = 1 << 12;

/**
 * Cells by the ids of their keyed columns' values (the ids are the same in every chunk), each a
 * number: its counts, SWEMWBS moments and ids are in typed arrays at that index, where objects
 * per cell kept the collector busy under the server's heap limit.
 */
class CellTable {
  size = 0;
  private capacity = 0;
  counts = new Int32Array(0);
  swemwbs = momentsStates(0);
  ids = new Int32Array(0);
  readonly firstContact = new ValueLog();
  readonly placement = new ValueLog();
  /** Cells by key (`keyOf`): the same ids always give the same key. */
  private readonly byIds = new Map<number | string, number>();
  private readonly valueIds = new Map<string | null, number>();
  private readonly values: (string | null)[] = [];

  /** `width`: how many keyed columns a cell has. */
  constructor(readonly width: number) {
    this.grow(1024);
  }

  /** How many distinct values have ids. */
  get valueCount(): number {
    return this.values.length;
  }

  /** The value of an id (NULL as null). */
  valueOf(id: number): string | null {
    return this.values[id];
  }

  /** The id of a value. */
  idOf(value: string | null): number {
    let id = this.valueIds.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.valueIds.set(value, id);
      this.values.push(value);
    }
    return id;
  }

  /** The cell of these value ids, one per keyed column; a new one if they are new. */
  cellOf(ids: readonly number[]): number {
    if (ids.some((id) => id === undefined))
      throw new Error('fact chunk: a code outside its dictionary');
    const key = this.keyOf(ids);
    let cell = this.byIds.get(key);
    if (cell === undefined) {
      cell = this.size++;
      if (cell === this.capacity) this.grow(this.capacity * 2);
      this.ids.set(ids, cell * this.width);
      this.byIds.set(key, cell);
    }
    return cell;
  }

  private keyOf(ids: readonly number[]): number | string {
    if (this.width > NUMERIC_KEY_WIDTH) return ids.join(',');
    let key = 0;
    for (const id of ids) {
      if (id >= KEY_RADIX) return ids.join(',');
      key = key * KEY_RADIX + id;
    }
    return key;
  }

  /** The id of a cell's keyed column k. */
  idAt(cell: number, k: number): number {
    return this.ids[cell * this.width + k];
  }

  private grow(cells: number): void {
    this.capacity = cells;
    const counts = new Int32Array(cells * COUNTS_WIDTH);
    counts.set(this.counts);
    this.counts = counts;
    const swemwbs = momentsStates(cells);
    swemwbs.set(this.swemwbs);
    this.swemwbs = swemwbs;
    const ids = new Int32Array(cells * this.width);
    ids.set(this.ids);
    this.ids = ids;
  }
}

/** A chunk's combinations of codes up to this many find their cells by index, more by a map. */
const INDEXED_COMBINATIONS = 1 << 16;

/**
 * One chunk's cells by its own codes: a row's codes, read as one mixed-radix number, find its cell
 * in one lookup; only a combination the chunk has not met yet goes to the table's ids.
 */
class ChunkCells {
  /** Cells by key, −1 for none yet: in an array when the chunk's combinations are few, else a map. */
  private readonly indexed: Int32Array | undefined;
  private readonly local = new Map<number, number>();
  /** The table ids of the combination being looked up, then the fixed ones. */
  private readonly ids: number[];

  constructor(
    private readonly table: CellTable,
    private readonly radices: readonly number[],
    private readonly idsOf: readonly (readonly number[])[],
    fixed: readonly number[],
  ) {
    const combinations = radices.reduce((product, r) => product * r, 1);
    if (combinations > Number.MAX_SAFE_INTEGER) {
      throw new Error('service-access: too many combinations in one chunk to key');
    }
    if (combinations <= INDEXED_COMBINATIONS) this.indexed = new Int32Array(combinations).fill(-1);
    this.ids = [...radices.map(() => 0), ...fixed];
  }

  /** The cell of these codes, one per column (code c is the dictionary's value c − 1, 0 NULL). */
  cellOf(codes: readonly number[]): number {
    let key = 0;
    for (let k = 0; k < codes.length; k++) {
      if (codes[k] < 0 || codes[k] >= this.radices[k]) {
        throw new Error('fact chunk: a code outside its dictionary');
      }
      key = key * this.radices[k] + codes[k];
    }
    const { indexed } = this;
    let cell = indexed ? indexed[key] : (this.local.get(key) ?? -1);
    if (cell === -1) {
      for (let k = 0; k < codes.length; k++) this.ids[k] = this.idsOf[k][codes[k]];
      cell = this.table.cellOf(this.ids);
      if (indexed) indexed[key] = cell;
      else this.local.set(key, cell);
    }
    return cell;
  }
}

/** Adds one fact row to a cell. */
function count(table: CellTable, cell: number, chunk: FactChunk, i: number): void {
  const flags = chunk.flags(i);
  const { counts } = table;
  const at = cell * COUNTS_WIDTH;
  counts[at + AT.referrals]++;
  if (flags & ACCEPTED) counts[at + AT.accepted]++;
  if (flags & PLACED) counts[at + AT.placed]++;
  if (flags & ATTENDED) counts[at + AT.attended]++;
  if (flags & COMPLETED) counts[at + AT.completed]++;
  const firstContact = chunk.float(i, FIRST_CONTACT);
  if (!Number.isNaN(firstContact)) {
    counts[at + AT.firstContacts]++;
    table.firstContact.push(cell, firstContact);
  }
  const placement = chunk.float(i, PLACEMENT);
  if (!Number.isNaN(placement)) {
    counts[at + AT.placements]++;
    table.placement.push(cell, placement);
  }
  const swemwbs = chunk.float(i, SWEMWBS);
  if (!Number.isNaN(swemwbs)) accumulate(table.swemwbs, cell, swemwbs);
}

/** A group's figures from the cells it adds up from. */
function aggregate(
  table: CellTable,
  grouped: readonly string[],
  key: Record<string, string>,
  cells: readonly number[],
  medians: { firstContact: number | null; placement: number | null },
): AggregateRow {
  const swemwbs = momentsStates(1);
  const sums = new Array<number>(MEASURES.length).fill(0);
  for (const cell of cells) {
    for (let m = 0; m < MEASURES.length; m++) sums[m] += table.counts[cell * COUNTS_WIDTH + m];
    combine(swemwbs, 0, table.swemwbs, cell);
  }
  return {
    grouped,
    key,
    referrals: sums[AT.referrals],
    accepted: sums[AT.accepted],
    placed: sums[AT.placed],
    attended: sums[AT.attended],
    completed: sums[AT.completed],
    median_days_to_first_contact: medians.firstContact,
    n_first_contact: sums[AT.firstContacts],
    median_days_to_placement: medians.placement,
    n_placement: sums[AT.placements],
    swemwbs_mean: momentsMean(swemwbs, 0),
    swemwbs_sd: momentsSd(swemwbs, 0),
    swemwbs_n: momentsCount(swemwbs, 0),
  };
}

/** The groups of one grouping set: cells with equal values of the set's columns. */
function groupsOf(
  table: CellTable,
  keyed: readonly string[],
  set: readonly string[],
): AggregateRow[] {
  const at = set.map((c) => keyed.indexOf(c));
  const groupOfCell = new Int32Array(table.size);
  const groupIndex = new Map<number | string, number>();
  const groups: number[][] = [];
  // A group's key: its ids as one number where that is exact, else as text.
  const radix = table.valueCount;
  const numeric = radix ** at.length <= Number.MAX_SAFE_INTEGER;
  for (let cell = 0; cell < table.size; cell++) {
    let id: number | string = 0;
    if (numeric) for (const k of at) id = id * radix + table.idAt(cell, k);
    else id = at.map((k) => table.idAt(cell, k)).join(',');
    let g = groupIndex.get(id);
    if (g === undefined) {
      g = groups.push([]) - 1;
      groupIndex.set(id, g);
    }
    groupOfCell[cell] = g;
    groups[g].push(cell);
  }
  // The total is there with no rows too, as a grouping set of () gives it.
  if (set.length === 0 && groups.length === 0) groups.push([]);
  const firstContact = table.firstContact.groupMedians(groupOfCell, groups.length);
  const placement = table.placement.groupMedians(groupOfCell, groups.length);
  return groups.map((cells, g) =>
    aggregate(
      table,
      set,
      Object.fromEntries(
        set.map((c, k) => [c, String(table.valueOf(table.idAt(cells[0], at[k])))]),
      ),
      cells,
      {
        firstContact: firstContact[g],
        placement: placement[g],
      },
    ),
  );
}

/**
 * The service-access report's aggregates from the period's chunks, added one chunk at a time: for
 * the chosen columns, their cross-tabulation, each alone when there are several, each month and
 * the total, as grouping sets would give them. A referral has several needs, so the sets with
 * `need` count its needs and the others the referrals themselves. Also the period's sole
 * referrals for completeness (a referral that is its person's only one is that person).
 */
export class ChunkAggregator {
  private readonly others: ChunkTextColumn[];
  private readonly otherAt: number[];
  private readonly plainKeyed: string[];
  private readonly plain: CellTable;
  private readonly needKeyAt: number[];
  /** Cells of the sets with `need`, which count each need of a referral: only when chosen. */
  private readonly needs: CellTable | undefined;
  private readonly needAt: number;
  /** Sole referrals by which completeness fields they have (their flags' completeness bits). */
  private readonly solePatterns = new Int32Array(COMPLETENESS_BITS + 1);

  constructor(
    private readonly columns: readonly string[],
    private readonly period: { readonly fromDay: number; readonly toDay: number },
  ) {
    this.others = columns.filter((c) => c !== 'need') as ChunkTextColumn[];
    this.otherAt = this.others.map((c) => CHUNK_TEXT_COLUMNS.indexOf(c));
    this.plainKeyed = [...this.others, 'month'];
    this.plain = new CellTable(this.plainKeyed.length);
    this.needKeyAt = columns.map((c) => CHUNK_TEXT_COLUMNS.indexOf(c as ChunkTextColumn));
    this.needs = columns.includes('need') ? new CellTable(columns.length) : undefined;
    this.needAt = columns.indexOf('need');
  }

  add(chunk: FactChunk): void {
    const { others, otherAt, plain, needs, needAt, needKeyAt, columns, period, solePatterns } =
      this;
    // The chunk's cells of a table keyed by these columns (and fixed ids after them).
    const cellsOf = (table: CellTable, keyed: readonly string[], fixed: number[]) => {
      const idsOf = keyed.map((column) => [
        table.idOf(null),
        ...chunk.dictionary(column as ChunkTextColumn | 'need').map((v) => table.idOf(v)),
      ]);
      return new ChunkCells(
        table,
        idsOf.map((list) => list.length),
        idsOf,
        fixed,
      );
    };
    const plainCells = cellsOf(plain, others, [plain.idOf(chunk.month)]);
    const needCells = needs && cellsOf(needs, columns, []);
    const codes = new Array<number>(others.length);
    const needCodes = new Array<number>(columns.length);
    let needsBefore = 0;
    for (let i = 0; i < chunk.rowCount; i++) {
      const firstNeed = needsBefore;
      const needCount = chunk.needCount(i);
      needsBefore += needCount;
      const day = chunk.day(i);
      if (day < period.fromDay || day > period.toDay) continue;
      for (let k = 0; k < others.length; k++) codes[k] = chunk.code(i, otherAt[k]);
      count(plain, plainCells.cellOf(codes), chunk, i);
      const flags = chunk.flags(i);
      if (flags & SOLE) solePatterns[flags & COMPLETENESS_BITS]++;
      if (!needs || !needCells) continue;
      for (let k = 0; k < columns.length; k++) {
        if (k !== needAt) needCodes[k] = chunk.code(i, needKeyAt[k]);
      }
      for (let n = firstNeed; n < firstNeed + needCount; n++) {
        needCodes[needAt] = chunk.needCode(n);
        count(needs, needCells.cellOf(needCodes), chunk, i);
      }
    }
  }

  result(): { aggregates: AggregateRow[]; sole: SoleCounts } {
    const { columns, needs } = this;
    const sets = [columns, ...(columns.length > 1 ? columns.map((c) => [c]) : [])];
    const plainSets = [...sets.filter((s) => !s.includes('need')), ['month'], []];
    const aggregates = [
      ...(needs
        ? sets.filter((s) => s.includes('need')).flatMap((s) => groupsOf(needs, columns, s))
        : []),
      ...plainSets.flatMap((s) => groupsOf(this.plain, this.plainKeyed, s)),
    ];
    const sole = Object.fromEntries(
      SOLE_FIELDS.map(([field, bit]) => {
        let sum = 0;
        this.solePatterns.forEach((n, flags) => {
          if (bit === 0 || flags & bit) sum += n;
        });
        return [field, sum];
      }),
    ) as SoleCounts;
    return { aggregates, sole };
  }
}
