// DisableAccessKeys (module /account/): the keys stop working at once — a request signed with a
// disabled key gets 1200 AuthFailure — until EnableAccessKeys. Disabling a disabled key is a no-op.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { setKeyStatus } from '../access-key-repo.ts'
import { requireOwnKeys } from './owned-keys.ts'

export const disableAccessKeys = defineAction({
  name: 'DisableAccessKeys',
  zone: 'none',
  params: Type.Object({ access_keys: List(Str()) }),
  async handle({ access_keys }, ctx) {
    await requireOwnKeys(ctx, access_keys)
    await setKeyStatus(ctx.db, access_keys, 'disabled', ctx.clock.now())
    return { access_keys }
  },
})
