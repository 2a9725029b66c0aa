// Which IP addresses are public: what a server may fetch on a user's behalf without becoming a
// door into its own machine or network (loopback, private and link-local ranges, cloud metadata at
// 169.254.169.254, multicast, unspecified, reserved). IPv6 is allowed only in global unicast
// (2000::/3) minus its special blocks; IPv6 forms that carry an IPv4 address (mapped, NAT64,
// 6to4) are judged by that address.
import { BlockList, isIPv4, isIPv6 } from 'node:net'

const V4_REFUSED: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 (unspecified) included
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata services)
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
]

// special blocks inside 2000::/3
const V6_REFUSED: Array<[string, number]> = [
  ['2001::', 23], // IETF protocol assignments: Teredo, benchmarking, ORCHID
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation
]

const v4 = new BlockList()
for (const [network, prefix] of V4_REFUSED) v4.addSubnet(network, prefix, 'ipv4')
const v6 = new BlockList()
for (const [network, prefix] of V6_REFUSED) v6.addSubnet(network, prefix, 'ipv6')

/** The eight 16-bit groups of a valid IPv6 address (a zone id such as `%eth0` is dropped). */
function groupsOf(address: string): number[] {
  let text = address.split('%')[0]!
  // a trailing dotted quad stands for the last two groups
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const part = (s: string) => (s === '' ? [] : s.split(':').map((h) => parseInt(h, 16)))
  const [head = '', tail] = text.split('::')
  if (tail === undefined) return part(head)
  const front = part(head)
  const back = part(tail)
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back]
}

const dotted = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`

/** True for an address a user's import may reach; false for every non-public one (and for anything that is not an address). */
export function isPublicAddress(address: string): boolean {
  if (isIPv4(address)) return !v4.check(address, 'ipv4')
  if (!isIPv6(address)) return false
  const g = groupsOf(address)
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0)
  // ::ffff:a.b.c.d (mapped) and 64:ff9b::a.b.c.d (NAT64) reach the IPv4 address inside
  if (zeros(0, 5) && g[5] === 0xffff) return isPublicAddress(dotted(g[6]!, g[7]!))
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return isPublicAddress(dotted(g[6]!, g[7]!))
  // 6to4: 2002:aabb:ccdd::/48 tunnels to aa.bb.cc.dd
  if (g[0] === 0x2002) return isPublicAddress(dotted(g[1]!, g[2]!))
  // everything outside global unicast: ::, ::1, IPv4-compatible, fc00::/7, fe80::/10, fec0::/10, ff00::/8, …
  if ((g[0]! & 0xe000) !== 0x2000) return false
  return !v6.check(address.split('%')[0]!, 'ipv6')
}
