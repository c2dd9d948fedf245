/**
 * Large array buffers kept between reports for the next to use. A report at a million referrals
 * allocates tens of megabytes of typed arrays and frees them at its end; glibc then raises its
 * mmap threshold, so the next report's arrays come from the heap around what is still live, and
 * the server's resident memory crept from 270 to over 320 MB across fifty reports. Taken from the
 * pool, the arrays are allocated once. Sizes are rounded up to powers of two so that buffers fit
 * the next report's; contents are whatever the last user left.
 */
export class BufferPool {
  private readonly free = new Map<number, ArrayBuffer[]>();
  private keptBytes = 0;

  /** `maxBytes`: most the pool keeps; a buffer given back beyond it is left to the collector. */
  constructor(private readonly maxBytes: number) {}

  /** A buffer of at least `bytes` bytes (a power of two). */
  take(bytes: number): ArrayBuffer {
    const size = roundUp(bytes);
    const kept = this.free.get(size)?.pop();
    if (kept === undefined) return new ArrayBuffer(size);
    this.keptBytes -= size;
    return kept;
  }

  /** Gives a buffer from `take` back; its holder must not use it after. */
  give(buffer: ArrayBuffer): void {
    const size = buffer.byteLength;
    if (size !== roundUp(size) || this.keptBytes + size > this.maxBytes) return;
    const list = this.free.get(size) ?? [];
    list.push(buffer);
    this.free.set(size, list);
    this.keptBytes += size;
  }

  /** Bytes held for reuse. */
  get bytes(): number {
    return this.keptBytes;
  }
}

const roundUp = (bytes: number) => 2 ** Math.ceil(Math.log2(Math.max(bytes, 1024)));

/** The reports' pool: at most the value logs and sort space of one report at a million referrals. */
export const reportBuffers = new BufferPool(48 * 1024 * 1024);
