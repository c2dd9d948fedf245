/**
 * How many link workers each service has is auth's to count (it owns users), and services must
 * not depend on auth, so services declares this port and auth provides it (a @Global provider
 * bound to SERVICE_STAFF). The admin's list of services shows the counts.
 */
export const SERVICE_STAFF = Symbol('SERVICE_STAFF');

export interface ServiceStaff {
  /** Active link workers per service id; a service with none is absent. */
  linkWorkersByService(): Promise<Map<string, number>>;
}
