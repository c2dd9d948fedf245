import { parseTrustProxy } from './trust-proxy';

describe('TRUST_PROXY', () => {
  it('believes no proxy when unset, empty or 0', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
  });

  it('takes a hop count', () => {
    expect(parseTrustProxy('2')).toBe(2);
  });

  it('takes addresses, ranges and the named ranges', () => {
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback')).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it.each([
    'true',
    'all',
    '*',
    '10.0.0.0/33',
    '300.1.1.1',
    '127.0.0.1,',
    'proxy.example',
    '1.2.3.4/8/1',
  ])('refuses %j', (raw) => {
    expect(parseTrustProxy(raw)).toBeUndefined();
  });
});
