import { describe, expect, it } from 'vitest';
import { loadEnv } from '../env.ts';
import { clientAddress, normaliseIp, parseTrustedProxies, trustChecker } from './client-ip.ts';

function trusting(value: string) {
  const proxies = parseTrustedProxies(value);
  if (typeof proxies === 'string') throw new Error(proxies);
  return trustChecker(proxies);
}

describe('TRUST_PROXY', () => {
  it('reads addresses and CIDR blocks, IPv4 and IPv6; true means loopback, false no one', () => {
    const isTrusted = trusting('127.0.0.1, 10.0.0.0/8 ,fd00::/8');
    expect(['127.0.0.1', '10.1.2.3', 'fd12::1'].map(isTrusted)).toEqual([true, true, true]);
    expect(['127.0.0.2', '11.0.0.1', 'fe80::1', '::1'].map(isTrusted)).toEqual([false, false, false, false]);
    const loopback = trusting('true');
    expect(['127.0.0.1', '127.9.9.9', '::1', '10.0.0.1'].map(loopback)).toEqual([true, true, true, false]);
    expect(parseTrustedProxies('false')).toEqual([]);
    expect(parseTrustedProxies('')).toEqual([]);
  });

  it('names a bad entry and stops the start', () => {
    for (const bad of ['10.0.0.0/33', 'localhost', '10.0.0.1/8/2', '::1/129', 'all']) {
      expect(parseTrustedProxies(bad), bad).toMatch(/not an IP address/);
      expect(() => loadEnv({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
    }
  });

  it('normalises IPv4-mapped IPv6, ports and brackets', () => {
    expect(normaliseIp('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(normaliseIp('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(normaliseIp('203.0.113.9:5000')).toBe('203.0.113.9');
    expect(normaliseIp('nonsense')).toBeNull();
  });
});

describe('the client address', () => {
  const isTrusted = trusting('127.0.0.1,10.0.0.0/8,::1');

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddress('203.0.113.7', '198.51.100.1', isTrusted)).toBe('203.0.113.7');
  });

  it('reads it right to left from a trusted proxy, skipping trusted hops', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.1', isTrusted)).toBe('198.51.100.1');
    // The client wrote "1.1.1.1" itself; the load balancer appended what it saw.
    expect(clientAddress('127.0.0.1', '1.1.1.1, 198.51.100.1, 10.0.0.4', isTrusted)).toBe('198.51.100.1');
    expect(clientAddress('::ffff:127.0.0.1', '2001:db8::5', isTrusted)).toBe('2001:db8::5');
    expect(clientAddress('::1', '10.0.0.9, 10.0.0.8', isTrusted)).toBe('10.0.0.9');
  });

  it('stops at a hop that is not an address, at the last address a trusted proxy vouched for', () => {
    expect(clientAddress('127.0.0.1', 'garbage, 10.0.0.4', isTrusted)).toBe('10.0.0.4');
    expect(clientAddress(null, '198.51.100.1', isTrusted)).toBe('unknown');
  });
});
