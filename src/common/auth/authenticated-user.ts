import type { Role } from '../vocabulary';

/** Who is making a request, as every service sees them. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
  /** Set for API requests: the token in use, so logout can revoke exactly it. */
  tokenId?: string;
}

export function toAuthenticatedUser(u: {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId: string | null;
}): AuthenticatedUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, organisationId: u.organisationId };
}
