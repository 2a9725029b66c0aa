// DescribeUsers: every account on the platform, as an administrator sees it (never a password hash).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { Int, List, OneOf, Optional, page, Str } from '../../../protocol/params.ts'
import { type AdminUserRow, listUsers } from '../../accounts/user-admin-repo.ts'

export const describeUsers = defineAction({
  name: 'DescribeUsers',
  zone: 'none',
  params: Type.Object({
    users: Optional(List(Str({ maxLength: 64 }))),
    status: Optional(List(OneOf(['active', 'unverified', 'banned'] as const))),
    role: Optional(OneOf(['admin', 'user'] as const)),
    /** Part of the email or the user name, ignoring case. */
    search_word: Optional(Str({ maxLength: 256 })),
    offset: Optional(Int({ minimum: 0 })),
    limit: Optional(Int()),
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const { total, rows } = await listUsers(ctx.db, params, page(params))
      const now = ctx.clock.now()
      return { total_count: total, user_set: rows.map((row) => userView(row, now)) }
    })
  },
})

/** A user on the wire: absent times are null, and a lock-out that has run out is no lock-out. */
function userView(row: AdminUserRow, now: Date) {
  const locked = row.locked_until !== '' && new Date(row.locked_until).getTime() > now.getTime()
  return { ...row, verify_time: row.verify_time || null, locked_until: locked ? row.locked_until : null }
}
