// CreateVxnets: `count` private networks of `vxnet_type` 1 (managed: the platform hands out the
// members' addresses, from 192.168.N.0/24, N the lowest its owner does not use in the zone) or 0
// (self-managed: no addresses). Quota `vxnet` (2500); a user has at most 256 managed networks per
// zone (5200 beyond). Vxnets are free: no lease.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Int, Optional, Str } from '../../../protocol/params.ts'
import { requireQuota } from '../../quotas/quota-check.ts'
import { managedNetwork, MANAGED_NETWORKS } from '../network.ts'
import { insertVxnets, NOT_JOINED, usedNetworks } from '../vxnet-repo.ts'

export const createVxnets = defineAction({
  name: 'CreateVxnets',
  locks: ['quota'],
  params: Type.Object({
    vxnet_type: Int({ minimum: 0, maximum: 1 }),
    vxnet_name: Optional(Str({ maxLength: 255 })),
    description: Optional(Str({ maxLength: 1024 })),
    count: Optional(Int({ minimum: 1, maximum: 100 })),
  }),
  async handle(params, ctx) {
    const count = params.count ?? 1
    // the quota lock also keeps a parallel CreateVxnets of this user from picking the same networks
    await requireQuota(ctx, ctx.zone, { vxnet: count })
    const taken = await usedNetworks(ctx.db, ctx.caller.user_id, ctx.zone)
    const time = formatTime(ctx.clock.now())
    let n = 0
    const rows = Array.from({ length: count }, () => {
      let ip_network = ''
      if (params.vxnet_type === 1) {
        while (n < MANAGED_NETWORKS && taken.has(managedNetwork(n))) n++
        if (n >= MANAGED_NETWORKS) throw new ApiError('InsufficientResources', `you have ${MANAGED_NETWORKS} managed vxnets in zone [${ctx.zone}] already, no 192.168.N.0/24 network is left`)
        ip_network = managedNetwork(n)
        taken.add(ip_network)
      }
      return {
        vxnet_id: ctx.ids.resource('vxnet', 7),
        zone_id: ctx.zone,
        owner: ctx.caller.user_id,
        vxnet_name: params.vxnet_name ?? '',
        description: params.description ?? null,
        vxnet_type: params.vxnet_type,
        ip_network,
        create_time: time,
        ...NOT_JOINED,
      }
    })
    await insertVxnets(ctx.db, rows)
    return { vxnets: rows.map((r) => r.vxnet_id) }
  },
})
