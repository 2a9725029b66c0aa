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
