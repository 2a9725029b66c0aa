// What a lease that cannot be paid does to its resource: the resource is `suspended` (reference
// 2.2: "frozen for arrears") and keeps its host capacity, so it comes back as it was after a
// recharge. A resource in the middle of a transition is left alone; the ticker tries again. Which
// families are leased, and from which statuses they may be suspended, their registry entries say
// (`lifecycle.leased`, src/resource-kinds.ts).
import { sql } from 'kysely'
import { formatTime } from '../../lib/clock.ts'
import { resourceKinds } from '../../resource-kinds.ts'
import type { Tx } from '../../store/database.ts'
import { leasedKind } from '../resources/resource-kind.ts'

/** Suspends an idle resource; returns the status it had, or undefined when it could not be suspended now. */
export async function suspendResource(db: Tx, resourceType: string, resourceId: string, now: Date): Promise<string | undefined> {
  const kind = leasedKind(resourceKinds, resourceType)
  if (!kind) return undefined
  const row = await db.selectFrom(kind.table).select(['status', 'transition_status']).where(sql.ref(kind.idColumn), '=', resourceId).executeTakeFirst()
  if (row?.transition_status !== '' || !kind.lifecycle.leased.suspendFrom.includes(row.status)) return undefined
  const result = await db
    .updateTable(kind.table)
    .set({ status: 'suspended', status_time: formatTime(now) })
    .where(sql.ref(kind.idColumn), '=', resourceId)
    .where('status', '=', row.status)
    .where('transition_status', '=', '')
    .executeTakeFirst()
  return result.numUpdatedRows > 0n ? row.status : undefined
}

/** Gives a suspended resource back the status it had. */
export async function resumeResource(db: Tx, resourceType: string, resourceId: string, status: string, now: Date): Promise<void> {
  const kind = leasedKind(resourceKinds, resourceType)
  if (!kind) return
  await db
    .updateTable(kind.table)
    .set({ status, status_time: formatTime(now) })
    .where(sql.ref(kind.idColumn), '=', resourceId)
    .where('status', '=', 'suspended')
    .execute()
}
