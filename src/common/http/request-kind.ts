import type { Request } from 'express';

/**
 * Machine clients: JSON API, FHIR intake and the Open Referral directory. Everything else is a
 * page. Case-insensitive, so that no spelling of a path (/API/…) is both a page to the session
 * middleware and a route to the router; routing is case-sensitive too (app.setup.ts).
 */
export function isMachineRequest(req: Pick<Request, 'path'>): boolean {
  return /^\/(api|fhir|openreferral|health)(\/|$)/i.test(req.path);
}
