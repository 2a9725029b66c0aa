// ModifyEipAttributes: renames an EIP or changes its description, in any state but gone.
// An empty `description=` clears it; an empty `eip_name=` means "not given".
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { renameLeased } from '../../billing/leases.ts'
import { Wallet } from '../../billing/wallet.ts'
import { eipKind } from '../eip-kind.ts'
import { stateRule } from '../../resources/guards.ts'
import { getEipsForUpdate, setEipAttributes } from '../eip-repo.ts'

export const modifyEipAttributes = defineAction({
  name: 'ModifyEipAttributes',
  lockAtRunTime: ['wallet'], // a rename reaches the lease
  params: Type.Object({
    eip: Str(),
    eip_name: Optional(Str({ maxLength: 255 })),
    description: Optional(Str({ maxLength: 1024, keepEmpty: true })),
  }),
  async handle(params, ctx) {
    // a new name reaches the lease too, so the wallet is locked first (lockAtRunTime, protocol/locks.ts)
    const wallet = params.eip_name !== undefined ? await Wallet.lock(ctx, ctx.caller.user_id) : undefined
    const [eip] = await getEipsForUpdate(ctx, 'eip', [params.eip])
    if (eipKind.goneStatuses.includes(eip!.status)) {
      throw stateRule('eip', params.eip, 'has already been released', 'can not be modified')
    }
    await setEipAttributes(ctx.db, params.eip, {
      ...(params.eip_name !== undefined && { eip_name: params.eip_name }),
      ...(params.description !== undefined && { description: params.description === '' ? null : params.description }),
    })
    if (wallet && params.eip_name !== undefined) await renameLeased(ctx, wallet, params.eip, params.eip_name)
    return { eip_id: params.eip }
  },
})
