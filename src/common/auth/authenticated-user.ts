import type { Role } from '../vocabulary';

/** Who is making a request, as every service sees them. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
  /** The service a link worker or team lead works in; null for every other role. */
  serviceId: string | null;
  /** A commissioner's services whose reports it may read; empty means all. */
  reportServiceIds: string[];
  /** Set for API requests: the token in use, so logout can revoke exactly it. */
  tokenId?: string;
}

export function toAuthenticatedUser(u: {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
  serviceId: string | null;
  reportServiceIds: string[];
}): AuthenticatedUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    organisationId: u.organisationId,
    serviceId: u.serviceId,
    reportServiceIds: u.reportServiceIds,
  };
}
