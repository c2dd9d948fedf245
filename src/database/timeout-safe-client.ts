import { Client } from 'pg';

/** pg's own message when a query outlives `query_timeout`. */
const READ_TIMEOUT = 'Query read timeout';

/**
 * A pg client that ends itself when a query times out. pg answers the caller at the timeout but
 * leaves the query in flight, and TypeORM hands the connection back to the pool as if all were
 * well, so its next borrower would queue behind a statement that may never be answered (a
 * silent network). Ending marks the client at once, so the pool drops it instead of lending it
 * again, and cuts the connection, as the query is still running. (`pool.query`, which the session
 * store uses, already drops a client whose query failed.)
 */
export class TimeoutSafeClient extends Client {
  // `never` passes pg's many overloads through as they are.
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown).apply(this, args);
    if (typeof (result as Promise<unknown> | undefined)?.then === 'function')
      (result as Promise<unknown>).catch((error: Error) => {
        if (error.message === READ_TIMEOUT) this.end().catch(() => undefined);
      });
    return result as never;
  }
}
