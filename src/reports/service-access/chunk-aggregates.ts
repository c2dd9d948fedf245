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
  emptyMoments,
  momentsMean,
  momentsSd,
  type Moments,
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

/** What a cell counts: the report's measures, and its sole referrals' completeness. */
class Cell {
  referrals = 0;
  accepted = 0;
  placed = 0;
  attended = 0;
  completed = 0;
  firstContacts = 0;
  placements = 0;
  readonly swemwbs: Moments = emptyMoments();
  /** Sole referrals, and those with each completeness field (SOLE_FIELDS' order). */
  readonly sole: number[] = new Array<number>(SOLE_FIELDS.length).fill(0);

  /** `index`: the cell's place in its table; `ids`: its keyed columns' value ids. */
  constructor(
    readonly index: number,
    readonly ids: readonly number[],
  ) {}
}

const ACCEPTED = flagBit('accepted');
const PLACED = flagBit('placed');
const ATTENDED = flagBit('attended');
const COMPLETED = flagBit('completed');
const SOLE = flagBit('sole_referral');
const FIRST_CONTACT = CHUNK_FLOAT_COLUMNS.indexOf('days_to_first_contact');
const PLACEMENT = CHUNK_FLOAT_COLUMNS.indexOf('days_to_placement');
const SWEMWBS = CHUNK_FLOAT_COLUMNS.indexOf('swemwbs_change');

/** Cells by the ids of their keyed columns' values; the ids are the same in every chunk. */
class CellTable {
  readonly cells: Cell[] = [];
  readonly firstContact = new ValueLog();
  readonly placement = new ValueLog();
  private readonly byIds = new Map<string, Cell>();
  private readonly valueIds = new Map<string | null, number>();
  private readonly values: (string | null)[] = [];

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

  cellOf(ids: readonly number[]): Cell {
    if (ids.some((id) => id === undefined))
      throw new Error('fact chunk: a code outside its dictionary');
    const key = ids.join(',');
    let cell = this.byIds.get(key);
    if (!cell) {
      cell = new Cell(this.cells.length, [...ids]);
      this.byIds.set(key, cell);
      this.cells.push(cell);
    }
    return cell;
  }
}

/** A chunk's combinations of codes up to this many find their cells by index, more by a map. */
const INDEXED_COMBINATIONS = 1 << 16;

/**
 * One chunk's cells by its own codes: a row's codes, read as one mixed-radix number, find its cell
 * in one lookup; only a combination the chunk has not met yet goes to the table's ids.
 */
class ChunkCells {
  /** By key: in an array when the chunk's combinations are few enough, else in a map. */
  private readonly indexed: (Cell | undefined)[] | undefined;
  private readonly local = new Map<number, Cell>();

  constructor(
    private readonly table: CellTable,
    private readonly radices: readonly number[],
    private readonly idsOf: readonly (readonly number[])[],
    private readonly fixed: readonly number[],
  ) {
    const combinations = radices.reduce((product, r) => product * r, 1);
    if (combinations > Number.MAX_SAFE_INTEGER) {
      throw new Error('service-access: too many combinations in one chunk to key');
    }
    if (combinations <= INDEXED_COMBINATIONS) {
      this.indexed = new Array<Cell | undefined>(combinations).fill(undefined);
    }
  }

  /** The cell of these codes, one per column (code c is the dictionary's value c − 1, 0 NULL). */
  cellOf(codes: readonly number[]): Cell {
    let key = 0;
    for (let k = 0; k < codes.length; k++) {
      if (codes[k] < 0 || codes[k] >= this.radices[k]) {
        throw new Error('fact chunk: a code outside its dictionary');
      }
      key = key * this.radices[k] + codes[k];
    }
    const { indexed } = this;
    let cell = indexed ? indexed[key] : this.local.get(key);
    if (!cell) {
      cell = this.table.cellOf([...codes.map((code, k) => this.idsOf[k][code]), ...this.fixed]);
      if (indexed) indexed[key] = cell;
      else this.local.set(key, cell);
    }
    return cell;
  }
}

/** Adds one fact row to a cell. */
function count(table: CellTable, cell: Cell, chunk: FactChunk, i: number): void {
  const flags = chunk.flags(i);
  cell.referrals++;
  if (flags & ACCEPTED) cell.accepted++;
  if (flags & PLACED) cell.placed++;
  if (flags & ATTENDED) cell.attended++;
  if (flags & COMPLETED) cell.completed++;
  const firstContact = chunk.float(i, FIRST_CONTACT);
  if (!Number.isNaN(firstContact)) {
    cell.firstContacts++;
    table.firstContact.push(cell.index, firstContact);
  }
  const placement = chunk.float(i, PLACEMENT);
  if (!Number.isNaN(placement)) {
    cell.placements++;
    table.placement.push(cell.index, placement);
  }
  const swemwbs = chunk.float(i, SWEMWBS);
  if (!Number.isNaN(swemwbs)) accumulate(cell.swemwbs, swemwbs);
  if (flags & SOLE) {
    for (let f = 0; f < SOLE_FIELDS.length; f++) {
      const bit = SOLE_FIELDS[f][1];
      if (bit === 0 || flags & bit) cell.sole[f]++;
    }
  }
}

/** A group's figures from the cells it adds up from. */
function aggregate(
  grouped: readonly string[],
  key: Record<string, string>,
  cells: readonly Cell[],
  medians: { firstContact: number | null; placement: number | null },
): AggregateRow {
  const swemwbs = emptyMoments();
  let referrals = 0;
  let accepted = 0;
  let placed = 0;
  let attended = 0;
  let completed = 0;
  let firstContacts = 0;
  let placements = 0;
  for (const cell of cells) {
    referrals += cell.referrals;
    accepted += cell.accepted;
    placed += cell.placed;
    attended += cell.attended;
    completed += cell.completed;
    firstContacts += cell.firstContacts;
    placements += cell.placements;
    combine(swemwbs, cell.swemwbs);
  }
  return {
    grouped,
    key,
    referrals,
    accepted,
    placed,
    attended,
    completed,
    median_days_to_first_contact: medians.firstContact,
    n_first_contact: firstContacts,
    median_days_to_placement: medians.placement,
    n_placement: placements,
    swemwbs_mean: momentsMean(swemwbs),
    swemwbs_sd: momentsSd(swemwbs),
    swemwbs_n: swemwbs[0],
  };
}

/** The groups of one grouping set: cells with equal values of the set's columns. */
function groupsOf(
  table: CellTable,
  keyed: readonly string[],
  set: readonly string[],
): AggregateRow[] {
  const at = set.map((c) => keyed.indexOf(c));
  const groupOfCell = new Int32Array(table.cells.length);
  const groupIndex = new Map<number | string, number>();
  const groups: Cell[][] = [];
  // A group's key: its ids as one number where that is exact, else as text.
  const radix = table.valueCount;
  const numeric = radix ** at.length <= Number.MAX_SAFE_INTEGER;
  for (const cell of table.cells) {
    let id: number | string = 0;
    if (numeric) for (const i of at) id = id * radix + cell.ids[i];
    else id = at.map((i) => cell.ids[i]).join(',');
    let g = groupIndex.get(id);
    if (g === undefined) {
      g = groups.push([]) - 1;
      groupIndex.set(id, g);
    }
    groupOfCell[cell.index] = g;
    groups[g].push(cell);
  }
  // The total is there with no rows too, as a grouping set of () gives it.
  if (set.length === 0 && groups.length === 0) groups.push([]);
  const firstContact = table.firstContact.groupMedians(groupOfCell, groups.length);
  const placement = table.placement.groupMedians(groupOfCell, groups.length);
  return groups.map((cells, g) =>
    aggregate(
      set,
      Object.fromEntries(set.map((c, k) => [c, String(table.valueOf(cells[0].ids[at[k]]))])),
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
  private readonly withNeed: boolean;
  private readonly others: ChunkTextColumn[];
  private readonly otherAt: number[];
  private readonly plainKeyed: string[];
  private readonly plain: CellTable;
  private readonly needKeyAt: number[];
  private readonly needs: CellTable;
  private readonly needAt: number;

  constructor(
    private readonly columns: readonly string[],
    private readonly period: { readonly fromDay: number; readonly toDay: number },
  ) {
    this.withNeed = columns.includes('need');
    this.others = columns.filter((c) => c !== 'need') as ChunkTextColumn[];
    this.otherAt = this.others.map((c) => CHUNK_TEXT_COLUMNS.indexOf(c));
    this.plainKeyed = [...this.others, 'month'];
    this.plain = new CellTable();
    this.needKeyAt = columns.map((c) => CHUNK_TEXT_COLUMNS.indexOf(c as ChunkTextColumn));
    this.needs = new CellTable();
    this.needAt = columns.indexOf('need');
  }

  add(chunk: FactChunk): void {
    const { others, otherAt, plain, needs, needAt, needKeyAt, columns, period } = this;
    const ids = (column: ChunkTextColumn | 'need', table: CellTable) => [
      table.idOf(null),
      ...chunk.dictionary(column).map((v) => table.idOf(v)),
    ];
    const plainIds = others.map((c) => ids(c, plain));
    const plainCells = new ChunkCells(
      plain,
      plainIds.map((list) => list.length),
      plainIds,
      [plain.idOf(chunk.month)],
    );
    const needIds = columns.map((c) => ids(c as ChunkTextColumn | 'need', needs));
    const needCells = new ChunkCells(
      needs,
      needIds.map((list) => list.length),
      needIds,
      [],
    );
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
      if (!this.withNeed) continue;
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
    const { columns } = this;
    const sets = [columns, ...(columns.length > 1 ? columns.map((c) => [c]) : [])];
    const plainSets = [...sets.filter((s) => !s.includes('need')), ['month'], []];
    const aggregates = [
      ...(this.withNeed
        ? sets.filter((s) => s.includes('need')).flatMap((s) => groupsOf(this.needs, columns, s))
        : []),
      ...plainSets.flatMap((s) => groupsOf(this.plain, this.plainKeyed, s)),
    ];
    const sole = Object.fromEntries(
      SOLE_FIELDS.map(([field], f) => [
        field,
        this.plain.cells.reduce((sum, c) => sum + c.sole[f], 0),
      ]),
    ) as SoleCounts;
    return { aggregates, sole };
  }
}
