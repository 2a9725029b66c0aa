// DeleteAccessKeys (module /account/): removes keys for good, sealed secret included; a request
// signed with a deleted key gets 1200 AuthFailure like an unknown one. Key ids are 20 random
// letters, so a deleted id is never handed out again. Answered synchronously (no job_id).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { deleteKeys } from '../access-key-repo.ts'
import { requireOwnKeys } from './owned-keys.ts'

export const deleteAccessKeys = defineAction({
  name: 'DeleteAccessKeys',
  zone: 'none',
  params: Type.Object({ access_keys: List(Str()) }),
  async handle({ access_keys }, ctx) {
    await requireOwnKeys(ctx, access_keys)
    await deleteKeys(ctx.db, access_keys)
    return { access_keys }
  },
})
