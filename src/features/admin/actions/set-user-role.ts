// SetUserRole: makes a user an administrator or takes the role away. Nobody can demote themself,
// and the calling admin is re-checked under a lock, so the platform always keeps an administrator.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { OneOf, Str } from '../../../protocol/params.ts'
import type { Role } from '../../accounts/user-repo.ts'
import { lockUsersAsAdmin, setUserRole as writeRole } from '../../accounts/user-admin-repo.ts'

export const setUserRole = defineAction({
  name: 'SetUserRole',
  zone: 'none',
  params: Type.Object({
    user: Str({ maxLength: 64 }),
    role: OneOf(['admin', 'user'] as const),
  }),
  async handle(params, ctx) {
    if (params.user === ctx.caller.user_id && params.role !== 'admin') {
      throw new ApiError('PermissionDenied', `user [${params.user}] is you, an administrator cannot demote themself`)
    }
    const [user] = await lockUsersAsAdmin(ctx.db, ctx.caps, ctx.caller.user_id, [params.user])
    if (user!.role !== params.role) await writeRole(ctx.db, params.user, params.role as Role)
    return { user_id: params.user, role: params.role }
  },
})
