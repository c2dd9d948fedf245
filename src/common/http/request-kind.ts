import type { Request } from 'express';

/**
 * Machine clients: JSON API, FHIR intake, the Open Referral directory and the calendar feed a
 * phone subscribes to (`/calendar/<token>.ics`). Everything else is a page. Case-insensitive, so
 * that no spelling of a path (/API/…) is both a page to the session
 * middleware and a route to the router; routing is case-sensitive too (app.setup.ts).
 */
export function isMachineRequest(req: Pick<Request, 'path'>): boolean {
  return /^\/(api|fhir|openreferral|health|calendar)(\/|$)/i.test(req.path);
}
