// ModifyKeyPairAttributes: renames a key pair or changes its description. Empty values count as
// "not given" (the CLI sends every option, set or not), so a description cannot be cleared here.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { requireOwned } from '../../resources/guards.ts'
import { lockKeyPairs, updateKeyPair } from '../keypair-repo.ts'

export const modifyKeyPairAttributes = defineAction({
  name: 'ModifyKeyPairAttributes',
  params: Type.Object({
    keypair: Str(),
    keypair_name: Optional(Str({ maxLength: 255 })),
    description: Optional(Str({ maxLength: 1024 })),
  }),
  async handle({ keypair, keypair_name, description }, ctx) {
    requireOwned(await lockKeyPairs(ctx.db, ctx.caps, ctx.zone, [keypair]), [keypair], (k) => k.keypair_id, ctx.caller)
    await updateKeyPair(ctx.db, keypair, { ...(keypair_name !== undefined && { keypair_name }), ...(description !== undefined && { description }) })
    return {}
  },
})
