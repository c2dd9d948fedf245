import { Client } from 'pg';

/**
 * Fails a test file in which a statement was sent on a connection still busy with another: two
 * statements of one transaction overlapping (a `Promise.all` over one EntityManager, say). pg
 * queues them today, warning only from the third; pg 9 refuses them. `_activeQuery`,
 * `_queryQueue` and `_ending` are pg's own fields: the statement running, those waiting, and
 * whether the client is closing.
 */
type ClientState = { _activeQuery?: unknown; _queryQueue?: unknown[]; _ending?: boolean };

const overlapping: string[] = [];
const query = Client.prototype.query;
Client.prototype.query = function (this: Client & ClientState, ...args: unknown[]) {
  const busy = this._activeQuery || (this._queryQueue?.length ?? 0) > 0;
  // A client that is ending refuses the statement at once: no overlap.
  if (busy && !this._ending) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text;
    overlapping.push(`${String(text).replace(/\s+/g, ' ').slice(0, 80)}\n${new Error().stack}`);
  }
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

afterAll(() => {
  Client.prototype.query = query;
  expect(overlapping).toEqual([]);
});
