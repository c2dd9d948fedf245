import { BufferPool } from './buffer-pool';

describe('a pool of array buffers', () => {
  it('gives a buffer back out for the next request of its size, rounded up to a power of two', () => {
    const pool = new BufferPool(1 << 20);
    const first = pool.take(3000);
    expect(first.byteLength).toBe(4096);
    pool.give(first);
    expect(pool.bytes).toBe(4096);
    expect(pool.take(4000)).toBe(first);
    expect(pool.bytes).toBe(0);
    expect(pool.take(4000)).not.toBe(first);
  });

  it('keeps no more than its limit, leaving the rest to the collector', () => {
    const pool = new BufferPool(8192);
    const [a, b, c] = [pool.take(4096), pool.take(4096), pool.take(4096)];
    pool.give(a);
    pool.give(b);
    pool.give(c);
    expect(pool.bytes).toBe(8192);
    const again = new Set([pool.take(4096), pool.take(4096)]);
    expect(again.has(a) && again.has(b)).toBe(true);
    const fresh = pool.take(4096);
    expect([a, b, c]).not.toContain(fresh);
  });
});
