import type { Request } from 'express';

export type FlashKind = 'success' | 'important';

/** A one-off message shown at the top of the next page the user sees (a GOV.UK notification banner). */
export interface Flash {
  kind: FlashKind;
  message: string;
}

type FlashSession = { flash?: Flash };

/** A message for the next page the browser loads (the layout shows it once, then drops it). */
export function setFlash(req: Request, message: string, kind: FlashKind = 'success'): void {
  (req.session as unknown as FlashSession).flash = { kind, message };
}

/** The flash set for this page, if any, removed from the session so it shows once. */
export function takeFlash(req: Request): Flash | undefined {
  const session = req.session as unknown as FlashSession | undefined;
  const flash = session?.flash;
  if (session && flash) delete session.flash;
  return flash;
}
