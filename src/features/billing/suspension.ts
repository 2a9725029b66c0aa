// What a lease that cannot be paid does to its resource: the resource is `suspended` (reference
// 2.2: "frozen for arrears") and keeps its host capacity, so it comes back as it was after a
// recharge. A resource in the middle of a transition is left alone; the ticker tries again.
import { formatTime } from '../../lib/clock.ts'
import type { Tx } from '../../store/database.ts'
import { kinds, type ResourceKind } from '../resources/resource-kinds.ts'

interface Suspendable {
  kind: ResourceKind
  /** Statuses a resource may be suspended from (and is given back on resume). */
  from: readonly string[]
}

const SUSPENDABLE: Record<string, Suspendable> = {
  instance: { kind: kinds.instance, from: ['running', 'stopped'] },
  volume: { kind: kinds.volume, from: ['available', 'in-use'] },
  eip: { kind: kinds.eip, from: ['available', 'associated'] },
  snapshot: { kind: kinds.snapshot, from: ['available'] },
}

/** Suspends an idle resource; returns the status it had, or undefined when it could not be suspended now. */
export async function suspendResource(db: Tx, resourceType: string, resourceId: string, now: Date): Promise<string | undefined> {
  const suspendable = SUSPENDABLE[resourceType]
  if (!suspendable) return undefined
  // kysely cannot type a table chosen at run time; both tables share these columns
  const table = suspendable.kind.table as 'instances'
  const id = suspendable.kind.idColumn as 'instance_id'
  const row = await db.selectFrom(table).select(['status', 'transition_status']).where(id, '=', resourceId).executeTakeFirst()
  if (row?.transition_status !== '' || !suspendable.from.includes(row.status)) return undefined
  const result = await db
    .updateTable(table)
    .set({ status: 'suspended', status_time: formatTime(now) })
    .where(id, '=', resourceId)
    .where('status', '=', row.status)
    .where('transition_status', '=', '')
    .executeTakeFirst()
  return result.numUpdatedRows > 0n ? row.status : undefined
}

/** Gives a suspended resource back the status it had. */
export async function resumeResource(db: Tx, resourceType: string, resourceId: string, status: string, now: Date): Promise<void> {
  const suspendable = SUSPENDABLE[resourceType]
  if (!suspendable) return
  const table = suspendable.kind.table as 'instances'
  const id = suspendable.kind.idColumn as 'instance_id'
  await db
    .updateTable(table)
    .set({ status, status_time: formatTime(now) })
    .where(id, '=', resourceId)
    .where('status', '=', 'suspended')
    .execute()
}
