// ModifyVolumeAttributes: renames a volume or changes its description, in any state but gone.
// An empty `description=` clears it; an empty `volume_name=` means "not given".
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { volumeKind } from '../volume-kind.ts'
import { stateRule } from '../../resources/guards.ts'
import { getVolumesForUpdate, setVolumeAttributes } from '../volume-repo.ts'
import { renameLeased } from '../../billing/leases.ts'
import { Wallet } from '../../billing/wallet.ts'

export const modifyVolumeAttributes = defineAction({
  name: 'ModifyVolumeAttributes',
  lockAtRunTime: ['wallet'], // a rename reaches the lease
  params: Type.Object({
    volume: Str(),
    volume_name: Optional(Str({ maxLength: 255 })),
    description: Optional(Str({ maxLength: 1024, keepEmpty: true })),
  }),
  async handle(params, ctx) {
    // a new name reaches the lease too, so the wallet is locked first (lockAtRunTime, protocol/locks.ts)
    const wallet = params.volume_name !== undefined ? await Wallet.lock(ctx, ctx.caller.user_id) : undefined
    const [volume] = await getVolumesForUpdate(ctx, 'volume', [params.volume])
    if (volumeKind.goneStatuses.includes(volume!.status)) {
      throw stateRule('volume', params.volume, 'has already been deleted', 'can not be modified')
    }
    await setVolumeAttributes(ctx.db, params.volume, {
      ...(params.volume_name !== undefined && { volume_name: params.volume_name }),
      ...(params.description !== undefined && { description: params.description === '' ? null : params.description }),
    })
    if (wallet && params.volume_name !== undefined) await renameLeased(ctx, wallet, params.volume, params.volume_name)
    return {}
  },
})
