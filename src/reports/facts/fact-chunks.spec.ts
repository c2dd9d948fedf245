import { chunkDay } from './fact-chunks';

describe('chunkDay', () => {
  it('counts days from 1 January 2000, either side of it', () => {
    expect(chunkDay('2000-01-01')).toBe(0);
    expect(chunkDay('2000-03-01')).toBe(60);
    expect(chunkDay('1999-12-31')).toBe(-1);
  });

  it('reads a year before 100 as that year, not as 19xx', () => {
    expect(chunkDay('0099-01-01')).toBeLessThan(chunkDay('1899-01-01'));
  });
});
