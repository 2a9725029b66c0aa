// ModifyInstanceAttributes: name and description, in any state (even in transition) but not once
// the instance is ceased. An empty description clears it.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Int, Optional, Str } from '../../../protocol/params.ts'
import { requireOwned, stateRule } from '../../resources/guards.ts'
import { lockInstances } from '../instance-repo.ts'
import { LABEL } from '../instance.ts'
import { renameLeased } from '../../billing/leases.ts'
import { Wallet } from '../../billing/wallet.ts'

export const modifyInstanceAttributes = defineAction({
  name: 'ModifyInstanceAttributes',
  lockAtRunTime: ['wallet'], // a rename reaches the lease
  params: Type.Object({
    instance: Str(),
    instance_name: Optional(Str({ maxLength: 64 })),
    description: Optional(Str({ maxLength: 1024, keepEmpty: true })),
    nic_mqueue: Optional(Int({ minimum: 0, maximum: 1 })),
  }),
  async handle(params, ctx) {
    // a new name reaches the lease too, so the wallet is locked first (lockAtRunTime, protocol/locks.ts)
    const wallet = params.instance_name !== undefined ? await Wallet.lock(ctx, ctx.caller.user_id) : undefined
    const [row] = requireOwned(await lockInstances(ctx.db, ctx.caps, ctx.zone, [params.instance]), [params.instance], (r) => r.instance_id, ctx.caller)
    if (row!.status === 'ceased') throw stateRule(LABEL, row!.instance_id, 'has been ceased', 'can not be modified')
    const change = {
      ...(params.instance_name !== undefined && { instance_name: params.instance_name }),
      ...(params.description !== undefined && { description: params.description === '' ? null : params.description }),
    }
    if (Object.keys(change).length > 0) await ctx.db.updateTable('instances').set(change).where('instance_id', '=', params.instance).execute()
    if (wallet && params.instance_name !== undefined) await renameLeased(ctx, wallet, params.instance, params.instance_name)
    return {}
  },
})
