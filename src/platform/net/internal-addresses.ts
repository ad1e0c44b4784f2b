import { BlockList, isIP } from 'node:net';

/**
 * Addresses that lead inside a network rather than to the internet: what an outgoing request on
 * a customer's behalf (a webhook) must not reach unless an operator allows it, or the service could
 * be made to call its own admin ports, a sidecar, a cloud metadata endpoint or the office LAN.
 * From the IANA special-purpose registries; anything not listed is public.
 */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo among them)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: reaches whatever IPv4 address it embeds
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6');
}

/** IPv6 prefixes whose last 32 bits are an IPv4 address the packet goes to: IPv4-mapped, NAT64. */
const EMBEDDING_V4 = [
  { groups: [0, 0, 0, 0, 0, 0xffff], prefixGroups: 6 },
  { groups: [0x64, 0xff9b, 0, 0, 0, 0], prefixGroups: 6 },
];

/** Whether an IP address (v4 or v6, as DNS or a URL gives it) is internal; anything else is refused as well. */
export function isInternalAddress(address: string): boolean {
  const unbracketed = address.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(unbracketed);
  if (family === 4) return INTERNAL.check(unbracketed, 'ipv4');
  if (family !== 6) return true;
  const groups = expandIpv6(unbracketed);
  for (const embedding of EMBEDDING_V4) {
    if (embedding.groups.every((group, index) => groups[index] === group)) {
      const v4 = [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.');
      return INTERNAL.check(v4, 'ipv4');
    }
  }
  return INTERNAL.check(unbracketed, 'ipv6');
}

/** A host name that means this machine: `localhost` (and names under it) or a loopback address. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) {
    const groups = expandIpv6(host);
    const mapped = groups.slice(0, 6).join(':') === '0:0:0:0:0:65535';
    return groups.every((group, index) => group === (index === 7 ? 1 : 0)) || (mapped && groups[6]! >> 8 === 127);
  }
  return false;
}

/** The eight 16-bit groups of an IPv6 address, with `::` and a trailing dotted IPv4 part expanded. */
function expandIpv6(address: string): number[] {
  let text = address.split('%')[0]!.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups].map((group) => parseInt(group, 16));
}
