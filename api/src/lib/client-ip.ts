import { BlockList, isIP } from 'node:net';

/** One trusted proxy: an address or a CIDR block, IPv4 or IPv6. */
export type TrustedProxy = { address: string; prefix: number; family: 'ipv4' | 'ipv6' };

/** The loopback addresses: what `TRUST_PROXY=true` means (the storefront on the same machine). */
export const LOOPBACK: readonly TrustedProxy[] = [
  { address: '127.0.0.0', prefix: 8, family: 'ipv4' },
  { address: '::1', prefix: 128, family: 'ipv6' },
];

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
export function normaliseIp(value: string): string | null {
  let text = value.trim();
  // `[::1]` and `[::1]:443` as some proxies write IPv6; `1.2.3.4:5678` with a port.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  if (mapped) text = mapped[1]!;
  return isIP(text) === 0 ? null : text.toLowerCase();
}

/**
 * Parses TRUST_PROXY: `false`/empty trusts no one, `true` (or `loopback`) trusts loopback only,
 * anything else is a comma-separated list of addresses and CIDR blocks (`127.0.0.1,10.0.0.0/8,fd00::/8`).
 * Returns the problem as a string for an entry that is neither.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxy[] | string {
  const text = (value ?? '').trim().toLowerCase();
  if (text === '' || text === 'false' || text === '0' || text === 'no') return [];
  if (text === 'true' || text === '1' || text === 'yes' || text === 'loopback') return [...LOOPBACK];
  const out: TrustedProxy[] = [];
  for (const entry of text.split(',').map((s) => s.trim())) {
    if (entry === '') continue;
    if (entry === 'loopback') {
      out.push(...LOOPBACK);
      continue;
    }
    const [rawAddress, rawPrefix, extra] = entry.split('/');
    const address = normaliseIp(rawAddress ?? '');
    const family = address ? (isIP(address) === 4 ? 'ipv4' : 'ipv6') : null;
    const max = family === 'ipv4' ? 32 : 128;
    const prefix = rawPrefix === undefined ? max : /^\d{1,3}$/.test(rawPrefix) ? Number(rawPrefix) : Number.NaN;
    if (!address || !family || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
      return `"${entry}" is not an IP address or CIDR block (e.g. 127.0.0.1, 10.0.0.0/8, ::1)`;
    }
    out.push({ address, prefix, family });
  }
  return out;
}

/** Answers "is this address one of our proxies?" for the client-address rule below. */
export function trustChecker(proxies: readonly TrustedProxy[]): (ip: string) => boolean {
  const list = new BlockList();
  for (const proxy of proxies) list.addSubnet(proxy.address, proxy.prefix, proxy.family);
  return (ip) => {
    const family = isIP(ip);
    return family !== 0 && list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * The client's address. X-Forwarded-For is only believed when the connection itself comes from a
 * trusted proxy, and then read right to left (each proxy appends the address it saw), skipping our
 * own proxies: the first address that is not one of them is the client. Whatever a client wrote at
 * the left of the header is never reached unless every hop to its right is ours. A hop that is not
 * an address stops the walk at the last address a trusted proxy vouched for.
 */
export function clientAddress(
  peer: string | null,
  forwardedFor: string | undefined,
  isTrusted: (ip: string) => boolean,
): string {
  const direct = peer ? normaliseIp(peer) : null;
  if (!direct) return 'unknown';
  if (!isTrusted(direct) || !forwardedFor) return direct;
  let client = direct;
  const hops = forwardedFor.split(',');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseIp(hops[i] ?? '');
    if (!hop) return client;
    client = hop;
    if (!isTrusted(hop)) return hop;
  }
  return client;
}
