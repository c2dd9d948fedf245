import type { Request } from 'express';

export type FlashKind = 'success' | 'important';

/** A message for the next page the browser loads (the layout shows it once, then drops it). */
export function setFlash(req: Request, message: string, kind: FlashKind = 'success'): void {
  (req.session as unknown as { flash?: unknown }).flash = { kind, message };
}
