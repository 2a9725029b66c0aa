// CreateAccessKey (module /account/): a signed-in user makes themselves a key for the signed API.
// The secret is answered this once and stored only sealed under the master key, so neither
// DescribeAccessKeys nor a copy of the database can show it again.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { createAccessKey as insertAccessKey } from '../access-key-repo.ts'

export const ACCESS_KEY_NAME_MAX = 64
export const ACCESS_KEY_DESCRIPTION_MAX = 1024

export const createAccessKey = defineAction({
  name: 'CreateAccessKey',
  zone: 'none',
  params: Type.Object({
    access_key_name: Str({ maxLength: ACCESS_KEY_NAME_MAX }),
    description: Optional(Str({ maxLength: ACCESS_KEY_DESCRIPTION_MAX })),
  }),
  async handle(params, ctx) {
    const key = await insertAccessKey(ctx.db, { ids: ctx.ids, box: { seal: ctx.seal }, now: ctx.clock.now() }, { owner: ctx.caller.user_id, access_key_name: params.access_key_name, description: params.description ?? null })
    return { access_key_id: key.access_key_id, secret_access_key: key.secret_access_key, access_key_name: params.access_key_name, owner: ctx.caller.user_id }
  },
})
