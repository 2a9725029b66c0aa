// Putting instances into networks: the rules JoinVxnet, RunInstances and cluster deployments share.
//
// - The network is the caller's vxnet or the base network vxnet-0 (2100 unknown, 1400 another
//   user's).
// - An instance is in a network once (1400), and in at most one managed network, vxnet-0 counted
//   (1400; reference 3.7): self-managed ones may be added freely.
// - A fixed address (`id|ip`) must be one the network hands out (1100) and not taken (2110); the
//   others get the lowest free address. Self-managed networks hand out none (the address is '').
// - The network's row (the zone's row for vxnet-0) is locked before addresses are chosen, so
//   parallel requests choose one after the other; should two still collide, the unique index
//   answers and the request gets a retryable 5100, never a 5000.
import { ApiError } from '../../errors.ts'
import { formatTime } from '../../lib/clock.ts'
import type { ActionContext } from '../../protocol/action.ts'
import { requireDistinct, requireOwned } from '../resources/guards.ts'
import { BASE_VXNET } from './vxnet-kind.ts'
import { basePlan, BASE_NAME, ipToNumber, isBase, numberToIp, parseNetworkRequest, requireInPlan, vxnetPlan, type AddressPlan, type NetworkRequest } from './network.ts'
import { addressesIn, lockBaseNetwork, lockVxnets, nicsOfInstances } from './vxnet-repo.ts'
import { insertNics, takenNicIds, updateNics } from '../nics/nic-repo.ts'
import type { NicTable } from '../../store/database.ts'

type Ctx = Pick<ActionContext, 'db' | 'caps' | 'ids' | 'clock' | 'caller' | 'zone'>

export interface Network {
  vxnet_id: string
  vxnet_name: string
  /** vxnet-0 and vxnet_type 1; self-managed networks (type 0) are not. */
  managed: boolean
  plan: AddressPlan
}

/** The network named, locked; 2100 / 1400 unless it is vxnet-0 or the caller's. */
export async function lockNetwork(ctx: Ctx, vxnetId: string): Promise<Network> {
  if (isBase(vxnetId)) {
    await lockBaseNetwork(ctx.db, ctx.caps, ctx.zone)
    return { vxnet_id: BASE_VXNET, vxnet_name: BASE_NAME, managed: true, plan: basePlan() }
  }
  const [row] = requireOwned(await lockVxnets(ctx.db, ctx.caps, ctx.zone, [vxnetId]), [vxnetId], (v) => v.vxnet_id, ctx.caller)
  // a vxnet joining or leaving a router changes its addresses when the job settles: nobody enters meanwhile
  if (row!.router_transition !== '') throw new ApiError('PermissionDenied', `vxnet [${row!.vxnet_id}] is [${row!.router_transition}] router [${row!.router_id}], please try later`)
  // joined to a router: addresses come from its DHCP range (network.ts vxnetPlan)
  return { vxnet_id: row!.vxnet_id, vxnet_name: row!.vxnet_name, managed: row!.vxnet_type === 1, plan: vxnetPlan(row!) }
}

const oneManaged = (instanceId: string, current: string) => new ApiError('PermissionDenied', `instance [${instanceId}] is already in managed vxnet [${current}], an instance can be in one managed vxnet only: leave it first`)

/** An instance joining, with the address it asks for, if any. */
export interface Joiner {
  instance_id: string
  ip?: string | undefined
}

/**
 * Checks the membership rules for `joiners` entering `net` and writes their interfaces, each with
 * its address, `transition_status` as given ('joining' while a JoinVxnet job runs). The fixed
 * address was checked against the plan by the caller (requireInPlan).
 */
export async function joinNetwork(ctx: Ctx, net: Network, joiners: readonly Joiner[], transition: '' | 'joining'): Promise<Array<{ instance_id: string; private_ip: string; nic_id: string }>> {
  const existing = await nicsOfInstances(
    ctx.db,
    joiners.map((j) => j.instance_id),
  )
  for (const { instance_id } of joiners) {
    const mine = existing.filter((n) => n.instance_id === instance_id)
    if (mine.some((n) => n.vxnet_id === net.vxnet_id)) {
      throw new ApiError('PermissionDenied', `instance [${instance_id}] is already in vxnet [${net.vxnet_id}], it can not join it again`)
    }
    const managed = mine.find((n) => isBase(n.vxnet_id) || n.vxnet_type === 1)
    if (net.managed && managed) throw oneManaged(instance_id, managed.vxnet_id)
  }

  const addresses = await chooseAddresses(
    ctx,
    net,
    joiners.map((j) => j.ip),
  )
  const time = formatTime(ctx.clock.now())
  const macs = await newMacAddresses(ctx, joiners.length)
  const rows = joiners.map(({ instance_id }, i) => {
    // the instance's next slot; its first interface is its primary one
    const mine = existing.filter((n) => n.instance_id === instance_id)
    const sequence = mine.length ? Math.max(...mine.map((n) => n.sequence)) + 1 : 0
    return {
      nic_id: macs[i]!,
      owner: ctx.caller.user_id,
      zone_id: ctx.zone,
      vxnet_id: net.vxnet_id,
      nic_name: '',
      private_ip: addresses[i]!,
      status: 'in-use',
      transition_status: transition,
      instance_id,
      sequence,
      role: mine.length ? 0 : 1,
      standalone: 0,
      status_time: time,
      create_time: time,
    }
  })
  await insertNicsIn(ctx, net, rows)
  return rows.map(({ instance_id, private_ip, nic_id }) => ({ instance_id, private_ip, nic_id }))
}

/**
 * Addresses for new interfaces of `net` (locked by the caller: lockNetwork), one per entry of
 * `wanted`: the fixed address asked for (checked against the plan by the caller: requireInPlan;
 * taken → 2110), or the lowest free one ('' in a self-managed network; none left → 5200).
 */
export async function chooseAddresses(ctx: Ctx, net: Network, wanted: readonly (string | undefined)[]): Promise<string[]> {
  const used = new Set((await addressesIn(ctx.db, ctx.zone, net.vxnet_id)).map((ip) => ipToNumber(ip)!))
  for (const ip of wanted) {
    if (ip === undefined) continue
    if (used.has(ipToNumber(ip)!)) throw new ApiError('ResourceAlreadyExisted', `address [${ip}] is already used in vxnet [${net.vxnet_id}]`)
  }
  for (const ip of wanted) if (ip !== undefined) used.add(ipToNumber(ip)!)
  let next = net.plan.first
  return wanted.map((ip) => {
    if (ip !== undefined || net.plan.ip_network === '') return ip ?? ''
    while (next <= net.plan.last && used.has(next)) next++
    if (next > net.plan.last) throw new ApiError('InsufficientResources', `vxnet [${net.vxnet_id}] has no free address left (${net.plan.ip_network})`)
    used.add(next)
    return numberToIp(next)
  })
}

/** Writes new NICs of `net`; should an address still collide (a concurrent request), a retryable 5100, never a 5000. */
export async function insertNicsIn(ctx: Ctx, net: Network, rows: readonly NicTable[]): Promise<void> {
  try {
    await insertNics(ctx.db, rows)
  } catch (error) {
    if (ctx.caps.isUniqueViolation(error)) {
      throw new ApiError('ServerBusy', `an address in vxnet [${net.vxnet_id}] was taken by a concurrent request, nothing was changed: please try again`)
    }
    throw error
  }
}

/**
 * Gives the interface `holderId` has in `net` (locked by the caller: lockNetwork) the address `ip`
 * (a load balancer's new private_ip): 1100 unless the network hands it out, 2110 if another
 * interface holds it, 2100 if the holder has no interface there. Its own address is no change.
 */
export async function moveAddress(ctx: Ctx, net: Network, holderId: string, ip: string): Promise<void> {
  requireInPlan(net.vxnet_id, net.plan, ip)
  const nic = (await nicsOfInstances(ctx.db, [holderId])).find((n) => n.vxnet_id === net.vxnet_id)
  if (!nic) throw new ApiError('ResourceNotFound', `resource [${holderId}] has no address in vxnet [${net.vxnet_id}]`)
  if (ipToNumber(nic.private_ip) === ipToNumber(ip)) return
  await chooseAddresses(ctx, net, [ip])
  try {
    await updateNics(ctx.db, [nic.nic_id], { private_ip: ip })
  } catch (error) {
    if (ctx.caps.isUniqueViolation(error)) throw new ApiError('ServerBusy', `address [${ip}] in vxnet [${net.vxnet_id}] was taken by a concurrent request, nothing was changed: please try again`)
    throw error
  }
}

const LOWER = '0123456789abcdefghijklmnopqrstuvwxyz'

/** `52:54:xx:xx:xx:xx`, QingCloud's (and KVM's) locally administered prefix; drawn from ctx.ids so seeded runs repeat. */
export function macAddress(ctx: Pick<Ctx, 'ids'>): string {
  const hex = [...ctx.ids.resource('nic', 8).slice(4)].map((c) => (LOWER.indexOf(c) % 16).toString(16)).join('')
  return ['52', '54', hex.slice(0, 2), hex.slice(2, 4), hex.slice(4, 6), hex.slice(6, 8)].join(':')
}

/**
 * `n` MAC addresses no NIC has: the four random bytes make a repeat likely among some 10^5 NICs, so
 * drawn ones already taken (a primary-key lookup) are drawn again instead of failing the insert.
 */
export async function newMacAddresses(ctx: Pick<Ctx, 'ids' | 'db'>, n: number): Promise<string[]> {
  const out = new Set<string>()
  for (let tries = 0; out.size < n; tries++) {
    if (tries === 100) throw new ApiError('ServerBusy', 'no free MAC address was found for a new NIC, please try again')
    const drawn = Array.from({ length: n - out.size }, () => macAddress(ctx)).filter((mac) => !out.has(mac))
    const taken = new Set(await takenNicIds(ctx.db, drawn))
    for (const mac of drawn) if (!taken.has(mac)) out.add(mac)
  }
  return [...out]
}

// ── at launch (RunInstances, cluster nodes) ───────────────────────────────────────────────────

export interface LaunchNetwork {
  net: Network
  ip?: string | undefined
}

/**
 * RunInstances' `vxnets.N`: each network locked and checked (2100/1400, 1100 for a bad or foreign
 * address, a fixed address only with count 1, at most one managed network); vxnet-0 when none is
 * given. Resource rows: locked after the action's declared locks (protocol/locks.ts).
 */
export async function resolveLaunchNetworks(ctx: Ctx, values: readonly string[] | undefined, count: number): Promise<LaunchNetwork[]> {
  const requests: NetworkRequest[] = values?.length ? values.map((v) => parseNetworkRequest('vxnets', v)) : [{ vxnet_id: BASE_VXNET }]
  requireDistinct(
    'vxnets',
    requests.map((r) => r.vxnet_id),
  )
  if (count > 1 && requests.some((r) => r.ip !== undefined)) throw new ApiError('InvalidRequestFormat', 'parameter vxnets can only name a fixed address with count 1')
  // sorted, so two launches locking the same networks cannot deadlock
  const order = [...requests].sort((a, b) => (a.vxnet_id < b.vxnet_id ? -1 : 1))
  const locked = new Map<string, Network>()
  for (const r of order) locked.set(r.vxnet_id, await lockNetwork(ctx, r.vxnet_id))
  const out = requests.map((r) => {
    const net = locked.get(r.vxnet_id)!
    if (r.ip !== undefined) requireInPlan(net.vxnet_id, net.plan, r.ip)
    return { net, ip: r.ip }
  })
  const managed = out.filter((n) => n.net.managed)
  if (managed.length > 1) {
    throw new ApiError('PermissionDenied', `vxnets [${managed[0]!.net.vxnet_id}] and [${managed[1]!.net.vxnet_id}] are both managed, an instance can be in one managed vxnet only`)
  }
  return out
}

/** Puts new instances into their launch networks (in the launching transaction: the addresses are theirs at once). */
export async function joinAtLaunch(ctx: Ctx, networks: readonly LaunchNetwork[], instanceIds: readonly string[]): Promise<void> {
  for (const { net, ip } of networks)
    await joinNetwork(
      ctx,
      net,
      instanceIds.map((instance_id) => ({ instance_id, ip })),
      '',
    )
}
