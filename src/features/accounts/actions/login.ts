// Login: email and password give a console session — a 256-bit bearer token returned to scripts
// and set as an HttpOnly, SameSite cookie for the browser. In this order:
//   unknown email           → 1660 (1610 with login_errors=detailed), after a dummy argon2 check
//                              so the time taken does not tell either; with generic errors it
//                              counts and locks like a wrong password (login-failures.ts), so the
//                              sequence of answers does not tell either;
//   account locked          → 1600 "account is locked until <time>", whatever the password;
//   wrong password          → 1660 (1620 detailed), and one more failure on the account: reaching
//                              loginMaxFailures locks it for loginLockMinutes;
//   unverified / banned     → 1661 / 1662, only to someone who knows the password, so a stranger
//                              learns neither;
//   otherwise               → a session; earlier failures are forgotten.
// A failure is counted through ctx.afterRollback: the error answered rolls the transaction back,
// and the count must outlive it. The password is checked in `prepare`, before the transaction: an
// argon2 check takes ~50 ms, and on SQLite a transaction holds the only connection.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import { lockedError, lockedUntil, lockEnd, passwordMatches, wrongLogin } from '../account.ts'
import { recordUnknownEmailFailure, unknownEmailLock } from '../login-failures.ts'
import { platformSettings } from '../platform-settings.ts'
import { hashToken } from '../../../lib/tokens.ts'
import { csrfTokenOf } from '../csrf.ts'
import { createSession, SESSION_COOKIE } from '../session-repo.ts'
import { clearFailedLogins, findUserByEmail, recordFailedLogin } from '../user-repo.ts'

export const login = defineAction({
  name: 'Login',
  zone: 'none',
  // only session bookkeeping: signing in stays possible in maintenance, so the console keeps its read path
  readOnly: true,
  auth: 'public',
  params: Type.Object({
    email: Str({ maxLength: 4096 }),
    password: Str({ maxLength: 4096 }),
  }),
  // an unknown email costs the same dummy check, so the time taken tells nothing either
  async prepare(params, ctx) {
    const user = await findUserByEmail(ctx.db, params.email)
    return { checkedHash: user?.password_hash, matches: await passwordMatches(user, params.password) }
  },
  async handle(params, ctx, checked) {
    const now = ctx.clock.now()
    const { login_errors } = await platformSettings(ctx.db, ctx.settings)
    const user = await findUserByEmail(ctx.db, params.email)
    if (!user) {
      // detailed errors say the email is unknown anyway; generic ones must not, not even by locking
      if (login_errors === 'generic') {
        const lock = lockedUntil(await unknownEmailLock(ctx.db, params.email), now)
        if (lock) throw lockedError(lock)
        const { loginMaxFailures } = ctx.settings
        const until = lockEnd(now, ctx.settings)
        ctx.afterRollback((db) => recordUnknownEmailFailure(db, params.email, loginMaxFailures, until))
      }
      throw wrongLogin(login_errors, 'no_such_user')
    }
    const lock = lockedUntil(user, now)
    if (lock) throw lockedError(lock)
    // the password changed since prepare checked it (rare): check against the current one
    const matches = user.password_hash === checked.checkedHash ? checked.matches : await passwordMatches(user, params.password)
    if (!matches) {
      const { loginMaxFailures } = ctx.settings
      const until = lockEnd(now, ctx.settings)
      ctx.afterRollback((db) => recordFailedLogin(db, user.user_id, loginMaxFailures, until))
      throw wrongLogin(login_errors, 'wrong_password')
    }
    if (user.status === 'banned') throw new ApiError('AccessDenied', `user [${user.user_id}] is banned`)
    if (user.status === 'unverified') throw new ApiError('RegistrationNotFinished', 'the email address is not verified yet: use the token from the verification mail with VerifyEmail')

    await clearFailedLogins(ctx.db, user.user_id)
    const lifetimeHours = ctx.settings.sessionLifetimeHours
    const session = await createSession(ctx.db, ctx.ids, user.user_id, now, lifetimeHours)
    ctx.setCookie(SESSION_COOKIE, session.token, { maxAge: lifetimeHours * 3600 })
    // the console keeps the CSRF token (csrf.ts) and leaves the token itself to the cookie
    return { session_token: session.token, session_id: session.session_id, user_id: user.user_id, expires_at: session.expires_at, csrf_token: csrfTokenOf({ token_hash: hashToken(session.token) }) }
  },
})
