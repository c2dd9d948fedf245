import { FixedWindowThrottlerStorage } from './fixed-window-throttler-storage';

describe('FixedWindowThrottlerStorage', () => {
  let now: number;
  let storage: FixedWindowThrottlerStorage;
  const hit = (key = 'client-a', blockDuration = 60_000) =>
    storage.increment(key, 60_000, 3, blockDuration, 'default');

  beforeEach(() => {
    now = 1_000_000;
    storage = new FixedWindowThrottlerStorage(() => now);
  });

  it('lets the limit through, blocks the next request and says for how long', async () => {
    for (const expected of [1, 2, 3]) {
      await expect(hit()).resolves.toMatchObject({ totalHits: expected, isBlocked: false });
    }
    now += 10_000;
    await expect(hit()).resolves.toEqual({
      totalHits: 4,
      timeToExpire: 50,
      isBlocked: true,
      timeToBlockExpire: 60,
    });
  });

  it('counts each client separately', async () => {
    for (let i = 0; i < 4; i++) await hit('client-a');
    await expect(hit('client-b')).resolves.toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('keeps a blocked client out for the whole block, then starts a fresh window', async () => {
    for (let i = 0; i < 4; i++) await hit();
    now += 59_000;
    await expect(hit()).resolves.toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    now += 1_000;
    await expect(hit()).resolves.toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('without a block duration, refuses only until the window ends', async () => {
    for (let i = 0; i < 4; i++) await hit('client-a', 0);
    now += 30_000;
    await expect(hit('client-a', 0)).resolves.toMatchObject({
      isBlocked: true,
      timeToBlockExpire: 30,
    });
    now += 30_000;
    await expect(hit('client-a', 0)).resolves.toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('forgets clients whose window has ended, so memory does not grow with every address seen', async () => {
    for (let i = 0; i < 100; i++) await hit(`client-${i}`);
    expect(storage.size).toBe(100);
    now += 61_000;
    await hit('client-new');
    expect(storage.size).toBe(1);
  });
});
