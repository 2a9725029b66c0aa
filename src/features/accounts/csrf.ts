// The console's CSRF token. The session cookie is HttpOnly and SameSite=Strict, so no other site's
// request carries it; the token is a second line: every cookie-authenticated request but
// DescribeMyself must also send it in the `X-CSRF-Token` header, which a page of another origin can
// neither read nor set. It is derived from the session (a hash of its stored token hash), so it
// needs no row of its own and ends with the session; Login and DescribeMyself hand it out.
import { createHash, timingSafeEqual } from 'node:crypto'
import { ApiError } from '../../errors.ts'

export const CSRF_HEADER = 'x-csrf-token'

/** Actions a cookie may call without the token: the one that hands it out (a read another site cannot see). */
const WITHOUT_TOKEN: ReadonlySet<string> = new Set(['DescribeMyself'])

export function csrfTokenOf(session: { token_hash: string }): string {
  return createHash('sha256').update(`qinglocal-csrf:${session.token_hash}`).digest('base64url')
}

/** Throws 1200 unless a cookie-authenticated request of `action` carries the session's token. */
export function requireCsrf(action: unknown, sent: string | undefined, session: { token_hash: string }): void {
  if (typeof action === 'string' && WITHOUT_TOKEN.has(action)) return
  if (sent === undefined || sent === '') throw new ApiError('AuthFailure', `the console's request carries no ${CSRF_HEADER} header: reload the console`)
  const expected = Buffer.from(csrfTokenOf(session))
  const given = Buffer.from(sent)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ApiError('AuthFailure', `the ${CSRF_HEADER} header does not belong to this session: reload the console`)
}
