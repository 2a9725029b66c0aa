// DeleteSnapshots: deleting a point of a chain deletes every later point of that chain too
// (reference 2.2), so deleting a full snapshot deletes its whole chain. The leases end now; the job
// moves the snapshots to `deleted` (describable by id, ceased by the recycle bin after two hours),
// drops their tags and makes the newest point left in each chain its head. A snapshot in
// transition, named or swept along, refuses the whole request with CSI's "please try later".
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { endLeases } from '../../billing/leases.ts'
import { Wallet } from '../../billing/wallet.ts'
import { requireIdle, stateRule } from '../../resources/guards.ts'
import { untagResources } from '../../tags/tag-repo.ts'
import type { SnapshotTable } from '../../../store/database.ts'
import { BUSY_LABEL } from '../snapshot.ts'
import { chainFrom, finishSnapshots, getSnapshotsForUpdate, markHeads, setSnapshotTransition } from '../snapshot-repo.ts'

const DELETABLE = ['available', 'suspended']

export const deleteSnapshots = defineAction({
  name: 'DeleteSnapshots',
  locks: ['wallet'],
  params: Type.Object({ snapshots: List(Str()) }),
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const named = await getSnapshotsForUpdate(ctx, 'snapshots', params.snapshots)
    const doomed = new Map<string, SnapshotTable>()
    for (const s of named) {
      requireIdle(BUSY_LABEL, s.snapshot_id, s)
      if (!DELETABLE.includes(s.status)) throw stateRule('snapshot', s.snapshot_id, `is [${s.status}]`, 'can not be deleted')
      for (const later of await chainFrom(ctx.db, ctx.caps, s.root_id, s.seq)) {
        requireIdle(BUSY_LABEL, later.snapshot_id, later)
        doomed.set(later.snapshot_id, later)
      }
    }
    const ids = [...doomed.keys()]
    await endLeases(ctx, wallet, ids, 'delete')
    await setSnapshotTransition(ctx.db, ids, 'deleting')
    return { job_id: await ctx.jobs.start({ resource_ids: ids }) }
  },
  async settle(job, jctx) {
    const deleted = await finishSnapshots(jctx.db, job.resource_ids, 'deleting', { status: 'deleted', is_head: 0 }, jctx.clock.now())
    await untagResources(
      jctx.db,
      deleted.map((s) => s.snapshot_id),
    )
    await markHeads(
      jctx.db,
      deleted.map((s) => s.root_id),
    )
  },
})
