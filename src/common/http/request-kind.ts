import type { Request } from 'express';

/** Machine clients: JSON API, FHIR intake and the Open Referral directory. Everything else is a page. */
export function isMachineRequest(req: Pick<Request, 'path'>): boolean {
  return /^\/(api|fhir|openreferral|health)(\/|$)/.test(req.path);
}
