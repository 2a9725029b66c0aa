// Taking instances down once their termination job settles: capacity back to the hosts, data
// volumes detached, EIPs dissociated (they stay allocated and billed), key-pair bindings dropped,
// the instances' own network interfaces removed (addresses freed), NICs made by CreateNics detached.
// Shared by TerminateInstances and cluster deletions.
import { formatTime } from '../../lib/clock.ts'
import { type HostsTx, releaseAll } from '../hosts/host-repo.ts'
import { detachAllFromInstances } from '../volumes/volume-repo.ts'
import { dissociateFromInstances } from '../eips/eip-repo.ts'
import { unbindAllFromInstances } from '../keypairs/keypair-repo.ts'
import { releaseNics } from '../vxnets/vxnet-repo.ts'

/** `hctx`: the job's transaction and lock-set; capacity goes back under the zone's hosts lock (its jobLocks). */
export async function takeDownInstances(hctx: HostsTx, ids: readonly string[], now: Date, status: 'terminated' | 'ceased'): Promise<void> {
  if (ids.length === 0) return
  const { db } = hctx
  const rows = await db.selectFrom('instances').selectAll().where('instance_id', 'in', ids).execute()
  await releaseAll(hctx, rows)
  await detachAllFromInstances(db, ids, now)
  await dissociateFromInstances(db, ids, now)
  await unbindAllFromInstances(db, ids)
  await releaseNics(db, ids, now)
  await db
    .updateTable('instances')
    .set({ status, transition_status: '', host_machine: '', status_time: formatTime(now) })
    .where('instance_id', 'in', ids)
    .execute()
}
