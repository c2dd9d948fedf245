/**
 * Values as they come, each with the cell (a finest group) it belongs to, in typed arrays off the
 * JavaScript heap rather than an array per cell; then `percentile_cont(0.5)` of any grouping of
 * the cells. The log is sorted by value once, mostly by a radix sort, and each grouping's medians
 * are then one pass in value order, where selecting in each group's own stretch cost a pass, a copy
 * of the log and a selection per grouping.
 */
export class ValueLog {
  private cells: Int32Array;
  private values: Float64Array;
  private sortedLength = -1;
  private cellCounts = new Int32Array(0);
  length = 0;

  constructor(capacity = 1 << 16) {
    this.cells = new Int32Array(capacity);
    this.values = new Float64Array(capacity);
  }

  push(cell: number, value: number): void {
    if (this.length === this.values.length) this.resize(Math.max(1, this.length * 2));
    this.cells[this.length] = cell;
    // −0 as 0: they compare equal, and the sort below would put −0 first.
    this.values[this.length++] = value + 0;
  }

  /** `percentile_cont(0.5)` of each group's values, given each cell's group; null for none. */
  groupMedians(groupOfCell: Int32Array, groups: number): (number | null)[] {
    const cellCounts = this.sort();
    const { cells, values, length } = this;
    const counts = new Int32Array(groups);
    for (let c = 0; c < cellCounts.length; c++) counts[groupOfCell[c]] += cellCounts[c];
    // The middle ranks, counted from 1: one for an odd count, the two to average for an even one.
    const lowRank = new Int32Array(groups);
    const highRank = new Int32Array(groups);
    for (let g = 0; g < groups; g++) {
      lowRank[g] = Math.floor((counts[g] - 1) / 2) + 1;
      highRank[g] = counts[g] % 2 === 0 ? lowRank[g] + 1 : 0;
    }
    const low = new Float64Array(groups);
    const high = new Float64Array(groups);
    const seen = new Int32Array(groups);
    for (let i = 0; i < length; i++) {
      const g = groupOfCell[cells[i]];
      const rank = ++seen[g];
      if (rank === lowRank[g]) low[g] = values[i];
      else if (rank === highRank[g]) high[g] = values[i];
    }
    return Array.from({ length: groups }, (_, g) => {
      if (counts[g] === 0) return null;
      return highRank[g] === 0 ? low[g] : low[g] + (high[g] - low[g]) * 0.5;
    });
  }

  private resize(capacity: number): void {
    const cells = new Int32Array(capacity);
    cells.set(this.cells.subarray(0, this.length));
    this.cells = cells;
    const values = new Float64Array(capacity);
    values.set(this.values.subarray(0, this.length));
    this.values = values;
  }

  /**
   * Sorts the values ascending, their cells with them, once for all the groupings asked for; gives
   * how many values each cell has.
   */
  private sort(): Int32Array {
    if (this.sortedLength !== this.length) {
      sortByValue(this.values, this.cells, this.length);
      this.sortedLength = this.length;
      let cellCount = 0;
      for (let i = 0; i < this.length; i++) cellCount = Math.max(cellCount, this.cells[i] + 1);
      this.cellCounts = new Int32Array(cellCount);
      for (let i = 0; i < this.length; i++) this.cellCounts[this.cells[i]]++;
    }
    return this.cellCounts;
  }
}

const DIGIT_BITS = 16;
const DIGITS = 1 << DIGIT_BITS;
/** Runs of equal high words up to this long are put in order by insertion, longer ones by sort. */
const SHORT_RUN = 32;

/**
 * Sorts the first `length` values (no NaN) ascending with their cells, on the values' IEEE 754
 * bits made into keys that order as the numbers do: a positive number's key is its bits with the
 * sign bit set, a negative number's is its bits all flipped. A stable radix sort of the high 32
 * bits (sign, exponent and 20 bits of fraction) in two passes of 16 bits, then each run of equal
 * high words by its low words: such runs are short for measured durations, so this is half the
 * passes of sorting all 64 bits.
 */
function sortByValue(values: Float64Array, cells: Int32Array, length: number): void {
  // Each value as two 32-bit words, low word first (typed arrays use the platform's byte order,
  // little-endian on every machine Node.js runs on).
  let words: Uint32Array = new Uint32Array(values.buffer, values.byteOffset, length * 2);
  for (let i = 0; i < length; i++) {
    const hi = words[2 * i + 1];
    if (hi & 0x80000000) {
      words[2 * i] = ~words[2 * i];
      words[2 * i + 1] = ~hi;
    } else {
      words[2 * i + 1] = hi | 0x80000000;
    }
  }
  let cellsIn: Int32Array = cells;
  let wordsOut: Uint32Array = new Uint32Array(length * 2);
  let cellsOut: Int32Array = new Int32Array(length);
  const counts = new Int32Array(DIGITS);
  for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
    counts.fill(0);
    for (let i = 0; i < length; i++) counts[(words[2 * i + 1] >>> shift) & (DIGITS - 1)]++;
    if (counts[(words[1] >>> shift) & (DIGITS - 1)] === length) continue;
    let start = 0;
    for (let d = 0; d < DIGITS; d++) {
      const n = counts[d];
      counts[d] = start;
      start += n;
    }
    for (let i = 0; i < length; i++) {
      const at = counts[(words[2 * i + 1] >>> shift) & (DIGITS - 1)]++;
      wordsOut[2 * at] = words[2 * i];
      wordsOut[2 * at + 1] = words[2 * i + 1];
      cellsOut[at] = cellsIn[i];
    }
    [words, wordsOut] = [wordsOut, words];
    [cellsIn, cellsOut] = [cellsOut, cellsIn];
  }
  for (let start = 0; start < length;) {
    let end = start + 1;
    while (end < length && words[2 * end + 1] === words[2 * start + 1]) end++;
    if (end - start > 1) sortRunByLowWord(words, cellsIn, start, end);
    start = end;
  }
  for (let i = 0; i < length; i++) {
    const hi = words[2 * i + 1];
    if (hi & 0x80000000) {
      words[2 * i + 1] = hi & 0x7fffffff;
    } else {
      words[2 * i] = ~words[2 * i];
      words[2 * i + 1] = ~hi;
    }
  }
  if (words.buffer !== values.buffer) {
    values.set(new Float64Array(words.buffer, words.byteOffset, length));
    cells.set(cellsIn.subarray(0, length));
  }
}

/** Orders `start`..`end` (whose high words are equal) by their low words, cells with them. */
function sortRunByLowWord(words: Uint32Array, cells: Int32Array, start: number, end: number): void {
  if (end - start <= SHORT_RUN) {
    for (let i = start + 1; i < end; i++) {
      const lo = words[2 * i];
      const cell = cells[i];
      let j = i - 1;
      for (; j >= start && words[2 * j] > lo; j--) {
        words[2 * (j + 1)] = words[2 * j];
        cells[j + 1] = cells[j];
      }
      words[2 * (j + 1)] = lo;
      cells[j + 1] = cell;
    }
    return;
  }
  const order = Array.from({ length: end - start }, (_, k) => start + k).sort(
    (a, b) => words[2 * a] - words[2 * b] || a - b,
  );
  const lows = order.map((i) => words[2 * i]);
  const runCells = order.map((i) => cells[i]);
  for (let k = 0; k < order.length; k++) {
    words[2 * (start + k)] = lows[k];
    cells[start + k] = runCells[k];
  }
}
