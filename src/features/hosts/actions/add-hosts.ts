// AddHosts (admin): `count` new hypervisor hosts in `zone`, each with `cpu` CPUs and `memory` MB,
// active at once, numbered after the zone's highest host (hyper-pek3a-05 → hyper-pek3a-06). The
// platform's host count (every zone) may grow up to the unlicensed allowance without a license;
// beyond it a valid license is needed (4005) whose max_hosts the new total must fit (4003).
import Type from 'typebox'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Int, Optional } from '../../../protocol/params.ts'
import { requireHostAllowance } from '../../licenses/license-repo.ts'
import { hostViews, nextHostIds } from '../host-repo.ts'

/** The same bounds as the configured host size (config hostCpu, hostMemory). */
export const HOST_LIMITS = { cpu: { minimum: 1, maximum: 4096 }, memory: { minimum: 1024, maximum: 64 * 1024 * 1024 }, count: { minimum: 1, maximum: 100 } }

export const addHosts = defineAction({
  name: 'AddHosts',
  params: Type.Object({
    count: Optional(Int(HOST_LIMITS.count)),
    cpu: Int(HOST_LIMITS.cpu),
    /** MB */
    memory: Int(HOST_LIMITS.memory),
  }),
  async handle(params, ctx) {
    const count = params.count ?? 1
    const now = ctx.clock.now()
    // first: it takes the lock that keeps a parallel AddHosts from choosing the same ids
    await requireHostAllowance(ctx.db, ctx.caps, ctx.settings, now, count)
    const ids = await nextHostIds(ctx.db, ctx.zone, count)
    const rows = ids.map((host_id) => ({ host_id, zone_id: ctx.zone, status: 'active', cpu_total: params.cpu, memory_total: params.memory, cpu_used: 0, memory_used: 0, create_time: formatTime(now) }))
    await ctx.db.insertInto('hosts').values(rows).execute()
    return { hosts: ids, host_set: await hostViews(ctx.db, rows) }
  },
})
