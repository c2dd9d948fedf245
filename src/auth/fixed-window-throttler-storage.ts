import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  endsAt: number;
  hits: number;
  blockedUntil: number;
}

const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

/**
 * The rate limiter's counts in memory: one counter per client, route and limit for the current
 * window. A fixed window lets up to twice the limit through around a window's edge, which is
 * the usual price of constant work per request. The library's own storage keeps a timestamp per
 * request and copies the list on every request: for a busy integration, tens of thousands of
 * numbers per request.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private nextSweepAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    this.sweep(now, ttl);
    const id = `${throttlerName}\u0000${key}`;
    let w = this.windows.get(id);
    if (!w) {
      w = { endsAt: now + ttl, hits: 0, blockedUntil: 0 };
      this.windows.set(id, w);
    }
    if (w.blockedUntil <= now) {
      if (w.endsAt <= now) Object.assign(w, { endsAt: now + ttl, hits: 0 });
      w.hits++;
      if (w.hits > limit)
        w.blockedUntil = now + (blockDuration > 0 ? blockDuration : w.endsAt - now);
    }
    const isBlocked = w.blockedUntil > now;
    return Promise.resolve({
      totalHits: w.hits,
      timeToExpire: seconds(w.endsAt - now),
      isBlocked,
      timeToBlockExpire: isBlocked ? seconds(w.blockedUntil - now) : 0,
    });
  }

  /** Windows that ended (and blocks that lapsed) are forgotten, at most once per window length. */
  private sweep(now: number, ttl: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + ttl;
    for (const [id, w] of this.windows) {
      if (w.endsAt <= now && w.blockedUntil <= now) this.windows.delete(id);
    }
  }

  /** How many windows are held (for tests). */
  get size(): number {
    return this.windows.size;
  }
}
