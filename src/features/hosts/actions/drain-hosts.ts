// DrainHosts (admin): the hosts take no new instance (placement and moves on resize use active
// hosts only); what they carry keeps running there. ActivateHosts undoes it. Idempotent: draining
// a draining host is no error. The reply shows the hosts, with the instances they still carry.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import type { Tx } from '../../../store/database.ts'
import type { Capabilities } from '../../../store/dialects.ts'
import { hostViews, lockHosts, type HostStatus } from '../host-repo.ts'

/** `hosts.N` must name at least one host (an empty list is a missing parameter). */
export function requireHostIds(hosts: readonly string[]): void {
  if (hosts.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter hosts, name at least one host (hosts.1=hyper-…)')
}

export async function setHostStatus(db: Tx, caps: Capabilities, hosts: readonly string[], status: HostStatus) {
  requireHostIds(hosts)
  const rows = await lockHosts(db, caps, hosts)
  await db
    .updateTable('hosts')
    .set({ status })
    .where(
      'host_id',
      'in',
      rows.map((r) => r.host_id),
    )
    .execute()
  return {
    host_set: await hostViews(
      db,
      rows.map((r) => ({ ...r, status })),
    ),
  }
}

export const drainHosts = defineAction({
  name: 'DrainHosts',
  zone: 'none',
  params: Type.Object({ hosts: List(Str({ maxLength: 64 })) }),
  handle: (params, ctx) => setHostStatus(ctx.db, ctx.caps, params.hosts, 'draining'),
})
