// Address plans of the networks. The base network vxnet-0 is 10.140.0.0/16 in every zone (each
// zone is its own network, so the same addresses repeat across zones): addresses 10.140.0.2 to
// 10.140.255.254, .0.0 being the network and .0.1 its gateway. A managed vxnet gets
// 192.168.N.0/24, N the lowest number its owner does not use in the zone yet (0–255), and hands
// out .2 to .254. A self-managed vxnet has no plan: its members have no address (''). Addresses
// are always the lowest free one unless the caller asks for a fixed one.
import { ApiError } from '../../errors.ts'
import { BASE_VXNET } from './vxnet-kind.ts'

export interface AddressPlan {
  /** `10.140.0.0/16`, `192.168.3.0/24`; '' for a self-managed vxnet. */
  ip_network: string
  /** First and last address handed out, as 32-bit numbers; empty range (first > last) for none. */
  first: number
  last: number
}

export const BASE_NETWORK = '10.140.0.0/16'
export const BASE_NAME = 'base network'
export const MANAGED_NETWORKS = 256

export function ipToNumber(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip)
  if (!m) return undefined
  const parts = m.slice(1).map(Number)
  if (parts.some((p) => p > 255)) return undefined
  return parts.reduce((n, p) => n * 256 + p, 0)
}

export function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** The address plan of a network given its `ip_network` ('' → no addresses). */
export function planOf(ip_network: string): AddressPlan {
  const m = /^([\d.]+)\/(\d+)$/.exec(ip_network)
  const base = m ? ipToNumber(m[1]!) : undefined
  if (!m || base === undefined) return { ip_network: '', first: 1, last: 0 }
  const size = 2 ** (32 - Number(m[2]))
  return { ip_network, first: base + 2, last: base + size - 2 }
}

export const basePlan = (): AddressPlan => planOf(BASE_NETWORK)

/** `192.168.<n>.0/24`, the n-th managed network of a user in a zone. */
export const managedNetwork = (n: number) => `192.168.${n}.0/24`

/** How many addresses a plan hands out in all. */
export const capacityOf = (plan: AddressPlan) => Math.max(0, plan.last - plan.first + 1)

export const isBase = (vxnetId: string) => vxnetId === BASE_VXNET

/** `vxnet-abc` or `vxnet-abc|192.168.0.5`, as JoinVxnet's `vxnet` and RunInstances' `vxnets.N` write it. */
export interface NetworkRequest {
  vxnet_id: string
  /** The fixed address asked for, if any. */
  ip?: string
}

export function parseNetworkRequest(parameter: string, value: string): NetworkRequest {
  const parts = value.split('|')
  const vxnet_id = parts[0]!.trim()
  if (parts.length > 2 || vxnet_id === '') throw new ApiError('InvalidRequestFormat', `parameter ${parameter} value [${value}] is not of the form vxnet-id or vxnet-id|ip`)
  if (parts.length === 1 || parts[1]!.trim() === '') return { vxnet_id }
  const ip = parts[1]!.trim()
  if (ipToNumber(ip) === undefined) throw new ApiError('InvalidRequestFormat', `parameter ${parameter} names [${ip}], which is not an IPv4 address`)
  return { vxnet_id, ip }
}

/** 1100 unless `ip` is one the plan hands out. */
export function requireInPlan(vxnetId: string, plan: AddressPlan, ip: string): number {
  const n = ipToNumber(ip)!
  if (plan.ip_network === '') throw new ApiError('InvalidRequestFormat', `vxnet [${vxnetId}] is self-managed and hands out no addresses, [${ip}] can not be asked for`)
  if (n < plan.first || n > plan.last) {
    throw new ApiError('InvalidRequestFormat', `address [${ip}] is not in vxnet [${vxnetId}], whose addresses are ${numberToIp(plan.first)} to ${numberToIp(plan.last)} (${plan.ip_network})`)
  }
  return n
}

// ── networks in a VPC (JoinRouter) ─────────────────────────────────────────────────────────────

/** A CIDR network: its text, and its first (network) and last (broadcast) address as numbers. */
export interface Cidr {
  text: string
  first: number
  last: number
}

/**
 * `a.b.c.d/n` with n 0–30 (a network needs room for the router's address and one DHCP address) and
 * no host bits set; undefined otherwise.
 */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(text)
  const base = m ? ipToNumber(m[1]!) : undefined
  if (!m || base === undefined || Number(m[2]) > 30) return undefined
  const size = 2 ** (32 - Number(m[2]))
  if (base % size !== 0) return undefined
  return { text, first: base, last: base + size - 1 }
}

export const cidrContains = (outer: Cidr, inner: Cidr) => outer.first <= inner.first && inner.last <= outer.last
export const cidrsOverlap = (a: Cidr, b: Cidr) => a.first <= b.last && b.first <= a.last

/** Where a vxnet's router address and DHCP range are when JoinRouter is not told: .1, and .2 to the last before broadcast (§5's table for a /24). */
export function joinDefaults(net: Cidr): { manager_ip: string; dyn_ip_start: string; dyn_ip_end: string } {
  return { manager_ip: numberToIp(net.first + 1), dyn_ip_start: numberToIp(net.first + 2), dyn_ip_end: numberToIp(net.last - 1) }
}

/**
 * The address plan of a vxnet row: a vxnet joined to a router hands out its DHCP range
 * (dyn_ip_start–dyn_ip_end of its ip_network); any other its ip_network's (planOf).
 */
export function vxnetPlan(row: { ip_network: string; router_id: string; dyn_ip_start: string; dyn_ip_end: string }): AddressPlan {
  const first = ipToNumber(row.dyn_ip_start)
  const last = ipToNumber(row.dyn_ip_end)
  if (row.router_id === '' || first === undefined || last === undefined) return planOf(row.ip_network)
  return { ip_network: row.ip_network, first, last }
}

const bad = (detail: string) => new ApiError('InvalidRequestFormat', detail)

/** The router's address and the DHCP range of a vxnet in a VPC: given or defaulted, checked against its network (1100 naming the value). */
export function joinAddresses(net: Cidr, params: { manager_ip?: string | undefined; dyn_ip_start?: string | undefined; dyn_ip_end?: string | undefined }) {
  const defaults = joinDefaults(net)
  const chosen = { manager_ip: params.manager_ip ?? defaults.manager_ip, dyn_ip_start: params.dyn_ip_start ?? defaults.dyn_ip_start, dyn_ip_end: params.dyn_ip_end ?? defaults.dyn_ip_end }
  const n: Record<string, number> = {}
  for (const [name, ip] of Object.entries(chosen)) {
    const v = ipToNumber(ip)
    if (v === undefined) throw bad(`parameter ${name} value [${ip}] is not an IPv4 address`)
    if (v <= net.first || v >= net.last) throw bad(`parameter ${name} value [${ip}] is not a host address of ip_network [${net.text}] (${numberToIp(net.first + 1)} to ${numberToIp(net.last - 1)})`)
    n[name] = v
  }
  if (n.dyn_ip_start! > n.dyn_ip_end!) throw bad(`parameter dyn_ip_start [${chosen.dyn_ip_start}] is after dyn_ip_end [${chosen.dyn_ip_end}]`)
  if (n.manager_ip! >= n.dyn_ip_start! && n.manager_ip! <= n.dyn_ip_end!)
    throw bad(`parameter manager_ip [${chosen.manager_ip}] is inside the DHCP range ${chosen.dyn_ip_start} to ${chosen.dyn_ip_end}, the router's address must be outside it`)
  return chosen
}
