import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * Rows of `COPY (…) TO STDOUT (FORMAT binary)`, as each arrives: every field's bytes in its
 * binary send format, or null. COPY moves large values at the socket's pace, where a SELECT
 * through the driver took four times as long for the same megabytes of chunks.
 *
 * A row's fields are good until the next row is asked for: a field that arrived in several pieces
 * is put together in a buffer kept for that field's place and used again for the next row's, so
 * that a large COPY is not a stream of large garbage for the collector.
 *
 * The format (PostgreSQL's COPY documentation): an 11-byte signature, an int32 of flags and an
 * int32 header-extension length with its bytes; then each tuple as an int16 field count, each
 * field an int32 length (−1 for NULL) and its bytes; an int16 of −1 ends it. Integers big-endian.
 */
export async function* copyBinaryRows(
  client: PoolClient,
  sql: string,
): AsyncGenerator<(Buffer | null)[]> {
  const stream = client.query(copyTo(sql));
  // Read by hand rather than by `for await`, which destroys the stream when the loop is left
  // early: a COPY left unread holds the connection, and its transaction's ROLLBACK queues behind
  // it for ever. So if the caller or the parser stops early, the rest is read and dropped. (A COPY
  // that outlives pg's query timeout is another matter: pg-copy-streams then leaves the
  // connection broken, and the pool's timeout handling ends it.)
  const pieces = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let done = false;
  try {
    const bytes = new ByteQueue();
    const rows = new TupleParser(bytes);
    for (;;) {
      const piece = await pieces.next();
      if (piece.done) break;
      bytes.push(piece.value);
      for (let row = rows.next(); row !== undefined; row = rows.next()) yield row;
    }
    done = true;
    if (!rows.ended) throw new Error('COPY ended before its trailer');
  } finally {
    try {
      while (!done) done = (await pieces.next()).done === true;
    } catch {
      // The stream failed while being drained: the error that stopped the read is the one to
      // report, and it is already on its way.
    }
    // pg starts its query_timeout timer for every query and clears it in the query's callback,
    // which a COPY stream never calls: left alone, the timer would fail the finished stream with
    // an 'error' nobody listens to, and so end the process.
    (stream as { callback?: () => void }).callback?.();
  }
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** Buffers as they arrive, read from the front without copying unless a read spans two. */
class ByteQueue {
  private readonly pieces: Buffer[] = [];
  private offset = 0;
  length = 0;

  push(piece: Buffer): void {
    this.pieces.push(piece);
    this.length += piece.length;
  }

  /**
   * The next n bytes: a view of the piece they are in, or, when they span pieces, a copy into the
   * start of `scratch.buffer` (replaced by a new buffer when it is missing or too small).
   */
  take(n: number, scratch?: { buffer?: Buffer }): Buffer {
    if (n === 0) return Buffer.alloc(0);
    if (n > this.length) throw new Error('ByteQueue: not enough bytes');
    const first = this.pieces[0];
    let taken: Buffer;
    if (first.length - this.offset >= n) {
      taken = first.subarray(this.offset, this.offset + n);
      this.offset += n;
    } else {
      if (scratch && !(scratch.buffer && scratch.buffer.length >= n)) {
        // Grown by half again at least, so that fields of slowly rising sizes do not each
        // allocate anew.
        scratch.buffer = Buffer.allocUnsafeSlow(
          Math.max(n, Math.ceil(1.5 * (scratch.buffer?.length ?? 0))),
        );
      }
      taken = scratch ? scratch.buffer!.subarray(0, n) : Buffer.allocUnsafe(n);
      let at = 0;
      while (at < n) {
        const piece = this.pieces[0];
        const count = Math.min(piece.length - this.offset, n - at);
        piece.copy(taken, at, this.offset, this.offset + count);
        at += count;
        this.offset += count;
        if (this.offset === piece.length) {
          this.pieces.shift();
          this.offset = 0;
        }
      }
    }
    if (this.pieces.length > 0 && this.offset === this.pieces[0].length) {
      this.pieces.shift();
      this.offset = 0;
    }
    this.length -= n;
    return taken;
  }
}

/** Reads whole tuples off the queue; `next()` is undefined until one has fully arrived. */
class TupleParser {
  ended = false;
  private headerRead = false;
  private fields: (Buffer | null)[] | null = null;
  private fieldCount = 0;
  private fieldLength: number | null = null;
  /** By field place, the buffer that place's fields are put together in. */
  private readonly joined: { buffer?: Buffer }[] = [];

  constructor(private readonly bytes: ByteQueue) {}

  next(): (Buffer | null)[] | undefined {
    const { bytes } = this;
    if (!this.headerRead) {
      if (bytes.length < SIGNATURE.length + 8) return undefined;
      if (!bytes.take(SIGNATURE.length).equals(SIGNATURE)) throw new Error('Not a binary COPY');
      bytes.take(4); // flags: no OIDs since PostgreSQL 12
      const extension = bytes.take(4).readInt32BE(0);
      if (extension > 0) throw new Error('COPY header extensions are not expected');
      this.headerRead = true;
    }
    for (;;) {
      if (this.ended) return undefined;
      if (this.fields === null) {
        if (bytes.length < 2) return undefined;
        const count = bytes.take(2).readInt16BE(0);
        if (count === -1) {
          this.ended = true;
          return undefined;
        }
        this.fields = [];
        this.fieldCount = count;
      }
      while (this.fields.length < this.fieldCount) {
        if (this.fieldLength === null) {
          if (bytes.length < 4) return undefined;
          this.fieldLength = bytes.take(4).readInt32BE(0);
        }
        if (this.fieldLength === -1) {
          this.fields.push(null);
        } else {
          if (bytes.length < this.fieldLength) return undefined;
          const place = this.fields.length;
          this.joined[place] ??= {};
          this.fields.push(bytes.take(this.fieldLength, this.joined[place]));
        }
        this.fieldLength = null;
      }
      const row = this.fields;
      this.fields = null;
      return row;
    }
  }
}
