import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses a webhook must not reach in production: the host itself and private networks. */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/** Loopback, private, link-local, CGNAT, multicast or unspecified (IPv4-mapped included). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export type HostResolver = (hostname: string) => Promise<string[]>;

const resolveHost: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Why a webhook URL is refused, or null when it is fine: http(s) only, no credentials in it,
 * and (unless private targets are allowed, as outside production) no host that resolves to a
 * private or loopback address, so that a subscription cannot probe the service's own network.
 */
export async function webhookUrlProblem(
  raw: string,
  options: { allowPrivate: boolean; resolve?: HostResolver },
): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'The webhook URL is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'A webhook URL must be http or https';
  }
  if (url.username || url.password) return 'A webhook URL must not carry credentials';
  if (options.allowPrivate) return null;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return 'A webhook URL must not point at the service itself';
  }
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await (options.resolve ?? resolveHost)(host);
  } catch {
    return `The webhook host ${host} does not resolve`;
  }
  if (addresses.length === 0) return `The webhook host ${host} does not resolve`;
  if (addresses.some(isPrivateAddress)) {
    return `The webhook host ${host} is a private or loopback address`;
  }
  return null;
}
