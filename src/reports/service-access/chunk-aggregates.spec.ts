import {
  CHUNK_FLOAT_COLUMNS,
  CHUNK_RECORD_BYTES,
  CHUNK_TEXT_COLUMNS,
  chunkDay,
  FactChunk,
} from '../facts/fact-chunks';
import { ChunkAggregator } from './chunk-aggregates';

const CHANNEL = CHUNK_TEXT_COLUMNS.indexOf('channel');
const AGE_BAND = CHUNK_TEXT_COLUMNS.indexOf('age_band');

const DICTIONARIES = { channel: ['gp_practice', 'self'], age_band: ['18-24', '25-34', '35-44'] };

/** A chunk of referrals on 1 March 2026 with the given channel and age-band codes and no needs. */
function chunkOf(
  codes: readonly (readonly [channel: number, ageBand: number])[],
  dictionaries: Record<'channel' | 'age_band', string[]> = DICTIONARIES,
): FactChunk {
  const rows = Buffer.alloc(codes.length * CHUNK_RECORD_BYTES);
  codes.forEach(([channel, ageBand], i) => {
    const at = i * CHUNK_RECORD_BYTES;
    rows.writeInt32BE(chunkDay('2026-03-01'), at);
    rows.writeInt32BE(channel, at + 4 + 4 * CHANNEL);
    rows.writeInt32BE(ageBand, at + 4 + 4 * AGE_BAND);
    // The float columns, which come just before the need count (0), NULL: NaN.
    const floats = CHUNK_FLOAT_COLUMNS.length;
    for (let f = 0; f < floats; f++)
      rows.writeDoubleBE(NaN, at + CHUNK_RECORD_BYTES - 4 - 8 * (floats - f));
  });
  return new FactChunk({
    month: '2026-03',
    row_count: codes.length,
    dictionaries,
    rows,
    needs: Buffer.alloc(0),
  });
}

const aggregator = () =>
  new ChunkAggregator(['channel', 'age_band'], {
    fromDay: chunkDay('2026-01-01'),
    toDay: chunkDay('2026-12-31'),
  });

describe('adding up fact chunks', () => {
  it('counts each referral in the cell of its codes', () => {
    const sum = aggregator();
    sum.add(
      chunkOf([
        [1, 2],
        [1, 2],
        [2, 0],
        [0, 3],
      ]),
    );
    const cross = sum
      .result()
      .aggregates.filter((a) => a.grouped.length === 2)
      .map((a) => `${a.key.channel}/${a.key.age_band}: ${a.referrals}`)
      .sort();
    expect(cross).toEqual(['gp_practice/25-34: 2', 'null/35-44: 1', 'self/null: 1']);
  });

  it('keeps apart every combination when the values are too many to key as one number', () => {
    // 5,000 age bands: their ids pass 4,096, where two columns' ids keyed as one number could
    // name the same cell (channel 2 with id k, channel 1 with id 4,096 + k).
    const ageBands = Array.from({ length: 5_000 }, (_, i) => `band ${i}`);
    const codes = [1, 2].flatMap((channel) =>
      ageBands.map((_, i) => [channel, i + 1] as [number, number]),
    );
    const sum = aggregator();
    sum.add(chunkOf(codes, { channel: DICTIONARIES.channel, age_band: ageBands }));
    const cross = sum.result().aggregates.filter((a) => a.grouped.length === 2);
    expect(cross).toHaveLength(10_000);
    expect(cross.every((a) => a.referrals === 1)).toBe(true);
    expect(new Set(cross.map((a) => `${a.key.channel}/${a.key.age_band}`)).size).toBe(10_000);
  });

  it.each([
    ['past the end of its dictionary', [3, 1]],
    // Keyed with the next column (radix 4), channel 1 and age band −3 would be channel 0, age 1.
    ['below zero, which keyed with the next column would name another cell', [1, -3]],
  ] as const)('refuses a code %s', (_, codes) => {
    expect(() => aggregator().add(chunkOf([[0, 1], codes]))).toThrow(/outside its dictionary/);
  });
});
