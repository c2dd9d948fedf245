import type { EventEmitter2 } from '@nestjs/event-emitter';

/**
 * Emits an event whose listeners work inside the emitter's transaction, awaiting each listener
 * before the next starts, and returns their answers in order. `emitAsync` starts them all at
 * once, and their statements would overlap on the transaction's one connection, which pg
 * only queues (deprecated; pg 9 refuses).
 */
export async function emitInTurn(
  events: EventEmitter2,
  name: string,
  event: unknown,
): Promise<unknown[]> {
  const answers: unknown[] = [];
  // A copy: a `once` listener takes itself out of the emitter's own list as it runs.
  for (const listener of [...events.listeners(name)]) answers.push(await listener(event));
  return answers;
}
