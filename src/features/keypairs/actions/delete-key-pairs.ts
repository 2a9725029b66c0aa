// DeleteKeyPairs: removes key pairs for good (they have no recycle bin), with their tag bindings.
// A key pair still on an instance that exists (not terminated or ceased) is refused with 5400;
// bindings to terminated instances go with the key pair.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { requireDistinct, requireOwned } from '../../resources/guards.ts'
import { untagResources } from '../../tags/tag-repo.ts'
import { deleteKeyPairs as removeKeyPairs, firstLiveBinding, lockKeyPairs } from '../keypair-repo.ts'

export const deleteKeyPairs = defineAction({
  name: 'DeleteKeyPairs',
  params: Type.Object({ keypairs: List(Str()) }),
  async handle({ keypairs }, ctx) {
    if (keypairs.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter keypairs')
    requireDistinct('keypairs', keypairs)
    // the row locks order this against an AttachKeyPairs job settling at the same time
    requireOwned(await lockKeyPairs(ctx.db, ctx.caps, ctx.zone, keypairs), keypairs, (k) => k.keypair_id, ctx.caller)
    const inUse = await firstLiveBinding(ctx.db, keypairs)
    if (inUse) throw new ApiError('ResourceDependence', `keypair [${inUse.keypair_id}] is still attached to instance [${inUse.instance_id}], detach it first`)
    await removeKeyPairs(ctx.db, keypairs)
    await untagResources(ctx.db, keypairs)
    return { keypairs }
  },
})
