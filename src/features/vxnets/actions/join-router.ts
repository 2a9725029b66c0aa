// JoinRouter: puts one of the caller's managed vxnets into a VPC, the router's (asynchronous;
// reference routers-nics §1, §5). The vxnet takes `ip_network` (replacing the one it had), the
// router's address `manager_ip` and the DHCP range its members' addresses come from
// (`dyn_ip_start`–`dyn_ip_end`; defaults .1 and .2 to the last before broadcast, so .2–.254 of a
// /24). Rules, checked in this order:
// - `ip_network` a CIDR network (a.b.c.d/n, n ≤ 30, no host bits): 1100 naming the value;
//   `features` 1 (DHCP) only: 1100; the addresses IPv4, inside the network and not its network or
//   broadcast address, start ≤ end, the router's address outside the range: 1100 naming them.
// - The router: the caller's (2100 unknown, 1400 another user's), not in transition (1400 "please
//   try later") and `active` or `poweroffed` (1400 naming its status).
// - The vxnet: the caller's (2100 / 1400), not vxnet-0 and managed (vxnet_type 1; 1400), joined to
//   no router yet (1400: one router per vxnet is a state rule of the vxnet, not a resource that
//   "already exists" as 2110 means), with no members (5400: their addresses would be outside the
//   new network; terraform joins before it adds instances).
// - `ip_network` inside the router's `vpc_network` (192.168.0.0/16 or 172.16.0.0/16, the docs'
//   ranges, for a router without one) and overlapping no other vxnet of the router: 1100 naming
//   both ranges.
// Locks: the router row, then the vxnet row (every join and leave of a router locks the router
// first, so two joins to one router check overlaps one after the other). The join is written at
// once with `router_transition` 'joining' (DescribeVxnets shows it; nobody enters the vxnet
// meanwhile); the job clears it, a failed job gives the vxnet back its old network.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Int, Optional, Str } from '../../../protocol/params.ts'
import { requireIdle, requireOwned, stateRule } from '../../resources/guards.ts'
import { getRoutersForUpdate } from '../../routers/router-repo.ts'
import { macAddress } from '../membership.ts'
import { cidrContains, cidrsOverlap, isBase, joinAddresses, parseCidr } from '../network.ts'
import { holderLabel } from '../../nics/nic-holder.ts'
import { firstMember, lockVxnets, setRouterJoin, setRouterTransition, undoRouterJoin, vxnetsOfRouter } from '../vxnet-repo.ts'

/** The router states a vxnet may join (§5). */
export const JOINABLE_ROUTER = ['active', 'poweroffed']
/** The VPC networks the docs allow, for a router created without a `vpc_network`. */

const bad = (detail: string) => new ApiError('InvalidRequestFormat', detail)

export const joinRouter = defineAction({
  name: 'JoinRouter',
  params: Type.Object({
    vxnet: Str({ maxLength: 64 }),
    router: Str({ maxLength: 64 }),
    ip_network: Str({ maxLength: 64 }),
    features: Optional(Int()),
    manager_ip: Optional(Str({ maxLength: 64 })),
    dyn_ip_start: Optional(Str({ maxLength: 64 })),
    dyn_ip_end: Optional(Str({ maxLength: 64 })),
  }),
  job: { payload: Type.Object({ vxnet: Type.String(), router: Type.String(), previous_ip_network: Type.String() }) },
  async handle(params, ctx) {
    const net = parseCidr(params.ip_network)
    if (!net) throw bad(`parameter ip_network value [${params.ip_network}] is not a CIDR network such as 192.168.1.0/24 (a.b.c.d/n, n at most 30, no host bits set)`)
    if (params.features !== undefined && params.features !== 1) throw bad(`parameter features value [${params.features}] is not supported, only 1 (DHCP) is`)
    const addresses = joinAddresses(net, params)

    const [router] = await getRoutersForUpdate(ctx, 'router', [params.router])
    requireIdle('router', router!.router_id, router!)
    if (!JOINABLE_ROUTER.includes(router!.status)) throw stateRule('router', router!.router_id, `is [${router!.status}]`, 'vxnets can join only an active or poweroffed router')

    if (isBase(params.vxnet)) throw stateRule('vxnet', params.vxnet, 'is the base network', 'can not join a router')
    const [vxnet] = requireOwned(await lockVxnets(ctx.db, ctx.caps, ctx.zone, [params.vxnet]), [params.vxnet], (v) => v.vxnet_id, ctx.caller)
    if (vxnet!.vxnet_type !== 1) throw stateRule('vxnet', vxnet!.vxnet_id, `is self-managed (vxnet_type ${vxnet!.vxnet_type})`, 'only managed vxnets (vxnet_type 1) can join a router')
    if (vxnet!.router_id !== '') throw stateRule('vxnet', vxnet!.vxnet_id, `is already joined to router [${vxnet!.router_id}]`, 'a vxnet joins one router: leave it first')
    const member = await firstMember(ctx.db, ctx.zone, [vxnet!.vxnet_id])
    if (member)
      throw new ApiError(
        'ResourceDependence',
        `vxnet [${vxnet!.vxnet_id}] still has ${member.instance_id ? holderLabel(member.instance_id) : `NIC [${member.nic_id}]`}, whose address would leave the vxnet's network: it must leave (or be deleted) before the vxnet joins a router`,
      )

    // every router has its VPC network (CreateRouters checks it, 192.168.0.0/16 by default)
    const space = parseCidr(router!.vpc_network)
    if (!space || !cidrContains(space, net)) throw bad(`ip_network [${net.text}] is not inside the VPC network [${router!.vpc_network}] of router [${router!.router_id}]`)
    for (const other of await vxnetsOfRouter(ctx.db, router!.router_id)) {
      const theirs = parseCidr(other.ip_network)
      if (theirs && cidrsOverlap(theirs, net)) throw bad(`ip_network [${net.text}] overlaps [${other.ip_network}] of vxnet [${other.vxnet_id}] in router [${router!.router_id}]`)
    }

    await setRouterJoin(ctx.db, vxnet!.vxnet_id, {
      router_id: router!.router_id,
      router_transition: 'joining',
      ip_network: net.text,
      ...addresses,
      features: 1,
      join_time: formatTime(ctx.clock.now()),
      router_nic_id: macAddress(ctx),
    })
    const payload = { vxnet: vxnet!.vxnet_id, router: router!.router_id, previous_ip_network: vxnet!.ip_network }
    return { job_id: await ctx.jobs.start({ resource_ids: [vxnet!.vxnet_id, router!.router_id], payload }), router_id: router!.router_id, vxnet_id: vxnet!.vxnet_id }
  },
  async settle(job, ctx) {
    const { vxnet, router } = job.payload
    await setRouterTransition(ctx.db, router, [vxnet], 'joining', '')
  },
  // the join never happened: the vxnet is back in its old network (nobody entered it meanwhile)
  async onFailure(job, ctx) {
    const { vxnet, router, previous_ip_network } = job.payload
    await undoRouterJoin(ctx.db, router, vxnet, previous_ip_network)
  },
})
