// ModifySnapshotAttributes: renames a snapshot or changes its description, in any state but gone.
// An empty `description=` clears it; an empty `snapshot_name=` means "not given".
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { renameLeased } from '../../billing/leases.ts'
import { Wallet } from '../../billing/wallet.ts'
import { stateRule } from '../../resources/guards.ts'
import { snapshotKind } from '../snapshot-kind.ts'
import { getSnapshotsForUpdate, setSnapshotAttributes } from '../snapshot-repo.ts'

export const modifySnapshotAttributes = defineAction({
  name: 'ModifySnapshotAttributes',
  lockAtRunTime: ['wallet'], // a rename reaches the lease
  params: Type.Object({
    snapshot: Str(),
    snapshot_name: Optional(Str({ maxLength: 255 })),
    description: Optional(Str({ maxLength: 1024, keepEmpty: true })),
  }),
  async handle(params, ctx) {
    // a new name reaches the lease too, so the wallet is locked first (lockAtRunTime, protocol/locks.ts)
    const wallet = params.snapshot_name !== undefined ? await Wallet.lock(ctx, ctx.caller.user_id) : undefined
    const [snapshot] = await getSnapshotsForUpdate(ctx, 'snapshot', [params.snapshot])
    if (snapshotKind.goneStatuses.includes(snapshot!.status)) {
      throw stateRule('snapshot', params.snapshot, 'has already been deleted', 'can not be modified')
    }
    await setSnapshotAttributes(ctx.db, params.snapshot, {
      ...(params.snapshot_name !== undefined && { snapshot_name: params.snapshot_name }),
      ...(params.description !== undefined && { description: params.description === '' ? null : params.description }),
    })
    if (wallet && params.snapshot_name !== undefined) await renameLeased(ctx, wallet, params.snapshot, params.snapshot_name)
    return {}
  },
})
