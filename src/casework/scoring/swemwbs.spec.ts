import { scoreSwemwbs, SWEMWBS_COPYRIGHT, swemwbsChange, swemwbsMetric } from './swemwbs';

const PUBLISHED_TABLE: ReadonlyArray<readonly [number, number]> = [
  [7, 7.0],
  [8, 9.51],
  [9, 11.25],
  [10, 12.4],
  [11, 13.33],
  [12, 14.08],
  [13, 14.75],
  [14, 15.32],
  [15, 15.84],
  [16, 16.36],
  [17, 16.88],
  [18, 17.43],
  [19, 17.98],
  [20, 18.59],
  [21, 19.25],
  [22, 19.98],
  [23, 20.73],
  [24, 21.54],
  [25, 22.35],
  [26, 23.21],
  [27, 24.11],
  [28, 25.03],
  [29, 26.02],
  [30, 27.03],
  [31, 28.13],
  [32, 29.31],
  [33, 30.7],
  [34, 32.55],
  [35, 35.0],
];

/** Seven answers summing to `raw`, spread as evenly as possible. */
function answersFor(raw: number): number[] {
  const base = Math.floor(raw / 7);
  const extra = raw % 7;
  return Array.from({ length: 7 }, (_, i) => base + (i < extra ? 1 : 0));
}

describe('swemwbsMetric', () => {
  it.each(PUBLISHED_TABLE)('converts raw %i to metric %d', (raw, metric) => {
    expect(swemwbsMetric(raw)).toBe(metric);
  });

  it.each([6, 36, 20.5, Number.NaN])('rejects raw %p', (raw) => {
    expect(() => swemwbsMetric(raw)).toThrow(RangeError);
  });
});

describe('scoreSwemwbs', () => {
  it.each(PUBLISHED_TABLE)('scores answers totalling %i as metric %d', (raw, metric) => {
    expect(scoreSwemwbs(answersFor(raw))).toEqual({ raw, metric });
  });

  it('scores the endpoints', () => {
    expect(scoreSwemwbs([1, 1, 1, 1, 1, 1, 1])).toEqual({ raw: 7, metric: 7 });
    expect(scoreSwemwbs([5, 5, 5, 5, 5, 5, 5])).toEqual({ raw: 35, metric: 35 });
  });

  it('throws on invalid answers', () => {
    expect(() => scoreSwemwbs([3, 3, 3])).toThrow(RangeError);
    expect(() => scoreSwemwbs([3, 3, 3, 3, 3, 3, 6])).toThrow(RangeError);
  });
});

describe('swemwbsChange', () => {
  it('treats a rise of 3 or more metric points as improved', () => {
    expect(swemwbsChange(14.08, 17.08)).toBe('improved');
    expect(swemwbsChange(14.08, 19.25)).toBe('improved');
  });

  it('treats a fall of 3 or more metric points as declined', () => {
    expect(swemwbsChange(20.73, 17.73)).toBe('declined');
    expect(swemwbsChange(35, 7)).toBe('declined');
  });

  it('treats smaller differences as no meaningful change', () => {
    expect(swemwbsChange(19.25, 19.25)).toBe('no_meaningful_change');
    expect(swemwbsChange(19.25, 22.24)).toBe('no_meaningful_change');
    expect(swemwbsChange(19.25, 16.26)).toBe('no_meaningful_change');
  });
});

it('exports the copyright line to print with scores', () => {
  expect(SWEMWBS_COPYRIGHT).toBe(
    'SWEMWBS © NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved.',
  );
});
