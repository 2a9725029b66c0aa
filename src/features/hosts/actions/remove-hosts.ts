// RemoveHosts (admin): deletes hosts that carry no instance. A host still carrying one (in any
// state short of terminated, suspended included) answers 5400 naming the host and its instances,
// and nothing is removed: drain it first (DrainHosts), so it takes no new instance, and remove it
// once its instances are terminated. Global: host ids name their zone.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { instancesOnHosts } from '../../instances/instance-repo.ts'
import { lockHosts } from '../host-repo.ts'
import { requireHostIds } from './drain-hosts.ts'

export const removeHosts = defineAction({
  name: 'RemoveHosts',
  zone: 'none',
  params: Type.Object({ hosts: List(Str({ maxLength: 64 })) }),
  async handle(params, ctx) {
    requireHostIds(params.hosts)
    // locked first: a placement waiting on these rows sees them gone, one that went first is counted below
    const rows = await lockHosts(ctx.db, ctx.caps, params.hosts)
    const carried = await instancesOnHosts(
      ctx.db,
      rows.map((r) => r.host_id),
    )
    for (const [host, instances] of carried) {
      if (instances.length === 0) continue
      const shown = instances.slice(0, 3).join(', ') + (instances.length > 3 ? `, … (${instances.length} in all)` : '')
      throw new ApiError('ResourceDependence', `host [${host}] still carries instance(s) [${shown}], drain it (DrainHosts) and remove it once they are terminated`)
    }
    const ids = rows.map((r) => r.host_id)
    await ctx.db.deleteFrom('hosts').where('host_id', 'in', ids).execute()
    return { hosts: ids }
  },
})
