import { publishedShare } from './completeness';

describe('publishedShare (completeness without disclosure)', () => {
  it('gives the share to two places when both counts are at or above the threshold', () => {
    expect(publishedShare(20, 35, 5, false)).toBe(0.57);
    expect(publishedShare(5, 10, 5, false)).toBe(0.5);
  });

  it('shows none and all recorded: zero is not a small number', () => {
    expect(publishedShare(0, 35, 5, false)).toBe(0);
    expect(publishedShare(35, 35, 5, false)).toBe(1);
  });

  it('withholds a share that reveals a small number recorded or not recorded', () => {
    // 1 of 10: "0.1" tells anyone that one person has the field recorded.
    expect(publishedShare(1, 10, 5, false)).toBeNull();
    expect(publishedShare(4, 40, 5, false)).toBeNull();
    expect(publishedShare(36, 40, 5, false)).toBeNull();
    expect(publishedShare(39, 40, 5, false)).toBeNull();
  });

  it('withholds every share when fewer people than the threshold are in the report', () => {
    expect(publishedShare(0, 4, 5, false)).toBeNull();
    expect(publishedShare(0, 0, 5, false)).toBeNull();
  });

  it('withholds the share of a breakdown whose not-recorded category is suppressed', () => {
    expect(publishedShare(20, 35, 5, true)).toBeNull();
  });

  it('follows the configured threshold', () => {
    expect(publishedShare(9, 30, 10, false)).toBeNull();
    expect(publishedShare(10, 30, 10, false)).toBe(0.33);
  });
});
