// Background upkeep shared by all resource families: emptying the recycle bin (deleted resources
// stay recoverable, and describable, for two hours, then become `ceased`) and putting resources
// back to rest when the job that moved them failed.
import { formatTime } from '../../lib/clock.ts'
import type { Queryable } from '../../store/database.ts'
import { kindOfId, RECYCLE_BIN_MS, statefulKinds } from './resource-kinds.ts'

/** Moves resources deleted more than two hours ago to `ceased`. Returns how many changed. */
export async function sweepRecycleBin(db: Queryable, now: Date): Promise<number> {
  const cutoff = formatTime(new Date(now.getTime() - RECYCLE_BIN_MS))
  let changed = 0
  for (const kind of statefulKinds) {
    const result = await db
      .updateTable(kind.table)
      .set({ status: kind.recycle.to, status_time: formatTime(now) })
      .where('status', '=', kind.recycle.from)
      .where('status_time', '<=', cutoff)
      .executeTakeFirst()
    changed += Number(result.numUpdatedRows)
  }
  // a deleted cluster goes with its node instances (terminated by the same job, so swept together)
  const clusters = await db
    .updateTable('clusters')
    .set({ status: 'ceased', status_time: formatTime(now) })
    .where('status', '=', 'deleted')
    .where('status_time', '<=', cutoff)
    .executeTakeFirst()
  changed += Number(clusters.numUpdatedRows)
  // a resource gone for good keeps no tags (however it got to ceased: bin, direct_cease, failure)
  await db
    .deleteFrom('resource_tags')
    .where((eb) =>
      eb.or([
        eb('resource_id', 'in', eb.selectFrom('instances').select('instance_id').where('status', '=', 'ceased')),
        eb('resource_id', 'in', eb.selectFrom('volumes').select('volume_id').where('status', '=', 'ceased')),
        eb('resource_id', 'in', eb.selectFrom('images').select('image_id').where('status', '=', 'ceased')),
        eb('resource_id', 'in', eb.selectFrom('eips').select('eip_id').where('status', '=', 'ceased')),
        eb('resource_id', 'in', eb.selectFrom('snapshots').select('snapshot_id').where('status', '=', 'ceased')),
      ]),
    )
    .execute()
  return changed
}

/** Clears transition_status on the given resources (of any family): a failed job's default undo. */
export async function clearTransitions(db: Queryable, ids: readonly string[]): Promise<void> {
  for (const kind of statefulKinds) {
    const mine = ids.filter((id) => kindOfId(id) === kind)
    if (mine.length === 0) continue
    await db.updateTable(kind.table).set({ transition_status: '' }).where(kind.idColumn, 'in', mine).execute()
  }
}
