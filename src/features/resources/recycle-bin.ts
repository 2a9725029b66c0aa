// Background upkeep shared by all resource families: emptying the recycle bin (deleted resources
// stay recoverable, and describable, for two hours, then become `ceased`) and putting resources
// back to rest when the job that moved them failed. The families are the registry's stateful kinds
// (src/resource-kinds.ts; clusters included: a deleted cluster is ceased with its node instances,
// which the same job terminated).
import { sql } from 'kysely'
import { formatTime } from '../../lib/clock.ts'
import { resourceKinds } from '../../resource-kinds.ts'
import type { Queryable } from '../../store/database.ts'
import { dropTagsOfCeased } from '../tags/taggable.ts'
import { foldCounts } from './resource-counts.ts'
import { isStateful, kindOfId, RECYCLE_BIN_MS } from './resource-kind.ts'

const statefulKinds = resourceKinds.filter(isStateful)

/** Moves resources deleted more than two hours ago to `ceased`. Returns how many changed. */
export async function sweepRecycleBin(db: Queryable, now: Date): Promise<number> {
  const cutoff = formatTime(new Date(now.getTime() - RECYCLE_BIN_MS))
  let changed = 0
  for (const kind of statefulKinds) {
    const recycle = kind.lifecycle.recycle
    if (!recycle) continue
    const result = await db
      .updateTable(kind.table)
      .set({ status: recycle.to, status_time: formatTime(now) })
      .where('status', '=', recycle.from)
      .where('status_time', '<=', cutoff)
      .executeTakeFirst()
    changed += Number(result.numUpdatedRows)
  }
  await dropTagsOfCeased(db)
  // PostgreSQL's kept counts grow a delta row per write: fold them while we are here
  await foldCounts(db)
  return changed
}

/** Clears transition_status on the given resources (of any family): a failed job's default undo. */
export async function clearTransitions(db: Queryable, ids: readonly string[]): Promise<void> {
  for (const kind of statefulKinds) {
    const mine = ids.filter((id) => kindOfId(statefulKinds, id) === kind)
    if (mine.length === 0) continue
    await db.updateTable(kind.table).set({ transition_status: '' }).where(sql.ref(kind.idColumn), 'in', mine).execute()
  }
}
