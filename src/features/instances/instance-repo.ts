// Instance rows. Every query is scoped to a zone; ownership is checked by the callers (guards.ts)
// so that another user's id answers 1400 while an unknown one answers 2100.
import type { Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { formatTime } from '../../lib/clock.ts'

/** The rows for these ids in the zone, locked for the rest of the transaction (PostgreSQL). */
export async function lockInstances(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]) {
  if (ids.length === 0) return []
  return caps.forUpdate(db.selectFrom('instances').selectAll().where('zone_id', '=', zone).where('instance_id', 'in', ids)).execute()
}

export async function findInstancesById(db: Queryable, ids: readonly string[]) {
  if (ids.length === 0) return []
  return db.selectFrom('instances').selectAll().where('instance_id', 'in', ids).execute()
}

/** Starts a transition: the instance is busy until its job settles. */
export async function setInstanceTransition(db: Queryable, ids: readonly string[], transition: string): Promise<void> {
  if (ids.length === 0) return
  await db.updateTable('instances').set({ transition_status: transition }).where('instance_id', 'in', ids).execute()
}

/** Ends a transition in a resting status. */
export async function settleInstances(db: Queryable, ids: readonly string[], status: string, now: Date): Promise<void> {
  if (ids.length === 0) return
  await db
    .updateTable('instances')
    .set({ status, transition_status: '', status_time: formatTime(now) })
    .where('instance_id', 'in', ids)
    .execute()
}
