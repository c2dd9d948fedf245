import { isIP } from 'node:net';

/** What Express's `trust proxy` setting is given: nothing, a hop count, or the proxies' addresses. */
export type TrustProxy = false | number | string[];

/** Names Express (proxy-addr) understands for well-known ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(part: string): boolean {
  if (NAMED_RANGES.has(part)) return true;
  const [address, prefix, ...rest] = part.split('/');
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: unset (or 0) believes no X-Forwarded-* header; a number trusts that many proxy
 * hops; otherwise a comma list of proxy addresses, CIDR ranges or the names loopback, linklocal
 * and uniquelocal. Returns undefined for anything else, so configuration can refuse it by name.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy | undefined {
  const value = raw?.trim() ?? '';
  if (value === '') return false;
  if (/^\d+$/.test(value)) return Number(value) === 0 ? false : Number(value);
  const parts = value.split(',').map((p) => p.trim());
  return parts.every(isAddressOrRange) ? parts : undefined;
}
