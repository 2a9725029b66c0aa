// EnableAccessKeys (module /account/): disabled keys sign again. Enabling an active key is a no-op.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { setKeyStatus } from '../access-key-repo.ts'
import { requireOwnKeys } from './owned-keys.ts'

export const enableAccessKeys = defineAction({
  name: 'EnableAccessKeys',
  zone: 'none',
  params: Type.Object({ access_keys: List(Str()) }),
  async handle({ access_keys }, ctx) {
    await requireOwnKeys(ctx, access_keys)
    await setKeyStatus(ctx.db, access_keys, 'active', ctx.clock.now())
    return { access_keys }
  },
})
