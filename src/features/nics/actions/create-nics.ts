// CreateNics: `count` (1–252) NICs in one of the caller's vxnets or the base network vxnet-0, not
// attached (`available`); at least one per address in `private_ips.N` (the SDKs send count=1 by
// default). Each gets an address from the network's plan: `private_ips.N` in order
// (inside the network: 1100; not held by any NIC: 2110), the lowest free one for the rest (none
// left: 5200); a self-managed vxnet hands out none (''; asking for one is 1100), nor does
// `disable_ip=1`. Synchronous (no job_id), free (no lease), no quota (QingCloud documents no `nic`
// quota). Answers `nics: [{nic_id, private_ip}]`.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, Int, List, Optional, Str } from '../../../protocol/params.ts'
import type { NicTable } from '../../../store/database.ts'
import { requireDistinct } from '../../resources/guards.ts'
import { chooseAddresses, insertNicsIn, lockNetwork, newMacAddresses } from '../../vxnets/membership.ts'
import { ipToNumber, requireInPlan } from '../../vxnets/network.ts'

export const MAX_NICS = 252

export const createNics = defineAction({
  name: 'CreateNics',
  params: Type.Object({
    vxnet: Str({ maxLength: 64 }),
    nic_name: Optional(Str({ maxLength: 255 })),
    count: Optional(Int({ minimum: 1, maximum: MAX_NICS })),
    private_ips: Optional(List(Str())),
    disable_ip: Optional(Flag()),
  }),
  async handle(params, ctx) {
    const ips = params.private_ips ?? []
    // one NIC per address named: both SDKs send count=1 unless told otherwise, even with several private_ips
    const count = Math.max(params.count ?? 1, ips.length)
    if (count > MAX_NICS) throw new ApiError('InvalidRequestFormat', `parameter private_ips lists ${ips.length} addresses, at most ${MAX_NICS} NICs are created at once`)
    if (ips.length > 0 && params.disable_ip === 1) throw new ApiError('InvalidRequestFormat', 'parameter private_ips can not be given with disable_ip=1')
    ips.forEach((ip, i) => {
      if (ipToNumber(ip) === undefined) throw new ApiError('InvalidRequestFormat', `parameter private_ips.${i + 1} value [${ip}] is not an IPv4 address`)
    })
    requireDistinct('private_ips', ips)
    const net = await lockNetwork(ctx, params.vxnet)
    for (const ip of ips) requireInPlan(net.vxnet_id, net.plan, ip)
    const wanted = Array.from({ length: count }, (_, i) => ips[i])
    const addresses = params.disable_ip === 1 ? wanted.map(() => '') : await chooseAddresses(ctx, net, wanted)
    const time = formatTime(ctx.clock.now())
    const macs = await newMacAddresses(ctx, addresses.length)
    const rows: NicTable[] = addresses.map((private_ip, i) => ({
      nic_id: macs[i]!,
      owner: ctx.caller.user_id,
      zone_id: ctx.zone,
      vxnet_id: net.vxnet_id,
      nic_name: params.nic_name ?? '',
      private_ip,
      status: 'available',
      transition_status: '',
      instance_id: '',
      sequence: 0,
      role: 0,
      standalone: 1,
      status_time: time,
      create_time: time,
    }))
    await insertNicsIn(ctx, net, rows)
    return { nics: rows.map(({ nic_id, private_ip }) => ({ nic_id, private_ip })) }
  },
})
