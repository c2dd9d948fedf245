import type { RequestHandler } from 'express';

/** No Linkway form or API body nests anywhere near this deep. */
export const MAX_BODY_DEPTH = 32;
export const BODY_TOO_DEEP = 'entity.too.deep';

/** Whether objects/arrays nest more than `limit` levels; iterative, so hostile input cannot overflow the stack. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [v, depth] = pending.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(v)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Refuses absurdly nested JSON with 400 before validation: class-transformer walks bodies
 * recursively and a few thousand levels exhaust the stack (a 500 instead of a clean refusal).
 */
export function rejectDeepBodies(limit = MAX_BODY_DEPTH): RequestHandler {
  return (req, _res, next) => {
    if (nestsDeeperThan(req.body, limit)) {
      next(
        Object.assign(new Error('Body nested too deeply'), { status: 400, type: BODY_TOO_DEEP }),
      );
      return;
    }
    next();
  };
}
