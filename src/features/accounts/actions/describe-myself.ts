// DescribeMyself: who the session belongs to and how long it lasts — what the console shows in
// its header, and how a script checks that its token still works.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { csrfTokenOf } from '../csrf.ts'
import { findUser } from '../user-repo.ts'

export const describeMyself = defineAction({
  name: 'DescribeMyself',
  zone: 'none',
  auth: 'session',
  params: Type.Object({}),
  async query(_params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const user = await findUser(ctx.db, ctx.caller.user_id)
      const session = await ctx.db.selectFrom('sessions').selectAll().where('session_id', '=', ctx.caller.session_id).executeTakeFirst()
      // session auth has just found both; only a concurrent deletion could make them vanish
      if (!user || !session) throw new ApiError('SessionExpired', 'the session has ended, log in again')
      const idleEnd = new Date(new Date(session.last_seen).getTime() + ctx.settings.sessionIdleMinutes * 60_000)
      return {
        user_id: user.user_id,
        email: user.email,
        user_name: user.user_name,
        role: user.role,
        status: user.status,
        create_time: user.create_time,
        verify_time: user.verify_time === '' ? null : user.verify_time,
        session_id: session.session_id,
        session_create_time: session.create_time,
        // the session ends at whichever comes first
        session_expires_at: session.expires_at,
        session_idle_expires_at: formatTime(idleEnd),
        // what a console reloaded in the browser sends back in X-CSRF-Token
        csrf_token: csrfTokenOf(session),
      }
    })
  },
})
