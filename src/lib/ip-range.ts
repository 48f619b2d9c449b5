import { BlockList, isIP } from 'node:net';

type Family = 'ipv4' | 'ipv6';

/** The address ranges that are not the public internet, each with the words a person reads. */
const RANGES: [label: string, subnets: [address: string, prefix: number, family: Family][]][] = [
  [
    'an unspecified address',
    [
      ['0.0.0.0', 8, 'ipv4'],
      ['::', 128, 'ipv6'],
    ],
  ],
  [
    'a loopback address',
    [
      ['127.0.0.0', 8, 'ipv4'],
      ['::1', 128, 'ipv6'],
    ],
  ],
  [
    'a private address',
    [
      ['10.0.0.0', 8, 'ipv4'],
      ['172.16.0.0', 12, 'ipv4'],
      ['192.168.0.0', 16, 'ipv4'],
      ['fc00::', 7, 'ipv6'],
    ],
  ],
  [
    'a link-local address',
    [
      ['169.254.0.0', 16, 'ipv4'],
      ['fe80::', 10, 'ipv6'],
    ],
  ],
  ['a carrier-grade NAT address', [['100.64.0.0', 10, 'ipv4']]],
  [
    'a multicast address',
    [
      ['224.0.0.0', 4, 'ipv4'],
      ['ff00::', 8, 'ipv6'],
    ],
  ],
  [
    'a reserved or broadcast address',
    [
      ['240.0.0.0', 4, 'ipv4'],
      ['192.0.0.0', 24, 'ipv4'],
      ['198.18.0.0', 15, 'ipv4'],
      ['fec0::', 10, 'ipv6'],
      ['::', 96, 'ipv6'],
    ],
  ],
];

const LISTS = RANGES.map(([label, subnets]) => {
  const list = new BlockList();
  for (const [address, prefix, family] of subnets) list.addSubnet(address, prefix, family);
  return { label, list };
});

// BlockList judges an IPv4-mapped IPv6 address by its IPv4 rules (and an IPv4 one by mapped rules), so the
// mapped form itself is told apart with a list that is only asked about IPv6 addresses.
const MAPPED = new BlockList();
MAPPED.addSubnet('::ffff:0:0', 96, 'ipv6');

/**
 * What kind of non-public address `address` is ("a loopback address", …), or undefined for a public one.
 * `address` is an IP address as `net.isIP` reads it (IPv6 without brackets); anything else is not judged here.
 * An IPv4-mapped IPv6 address is refused whatever it maps to: no public service needs that spelling.
 */
export function nonPublicRange(address: string): string | undefined {
  const version = isIP(address);
  if (version === 0) return undefined;
  const family: Family = version === 4 ? 'ipv4' : 'ipv6';
  if (family === 'ipv6' && MAPPED.check(address, 'ipv6')) return 'an IPv4-mapped IPv6 address';
  return LISTS.find((r) => r.list.check(address, family))?.label;
}
