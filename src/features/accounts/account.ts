// Account rules that do not depend on storage: what a valid email and user name look like, when an
// account is locked, how wrong login data is reported, and checking a password without letting the
// time taken tell whether the account exists.
import { ApiError } from '../../errors.ts'
import { formatTime } from '../../lib/clock.ts'
import { hashPassword, verifyPassword } from '../../lib/passwords.ts'
import type { ActionSettings } from '../../protocol/action.ts'
import type { PlatformSettings } from './platform-settings.ts'
import type { User } from './user-repo.ts'

export const EMAIL_MAX = 254
export const USER_NAME_MAX = 64
/** A verification token is valid this long. */
export const VERIFY_TOKEN_MINUTES = 24 * 60
/** Mail subjects (tests and people find the mail by them). */
export const VERIFY_SUBJECT = 'Verify your QingLocal account'

/** The verification mail, written for a person reading it in their mailbox; the token is on its own line as `token=…`. */
export function verificationMail(token: string): string {
  return [
    'Someone (hopefully you) registered a QingLocal account with this email address.',
    '',
    'To confirm the address, call the account API action VerifyEmail (module /account/) with',
    'this parameter:',
    '',
    `  token=${token}`,
    '',
    `The token works once and expires ${VERIFY_TOKEN_MINUTES / 60} hours after this mail was sent.`,
    'If it has expired, ask for a new one with the action ResendVerification (parameter email).',
    'If you did not register, ignore this mail: the account stays unusable.',
  ].join('\n')
}

// RFC 5321 dot-atoms only (no quoted local parts, no IP literals): what real mailboxes use, and
// nothing that needs escaping in a mail header.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/

/** Emails are compared and stored lower-cased, so `Ann@x.io` and `ann@x.io` are one account. */
export const normalizeEmail = (email: string): string => email.toLowerCase()

/** Why `email` is not a usable address, or undefined when it is. */
export function emailProblem(email: string): string | undefined {
  if (email.length > EMAIL_MAX) return `email must be at most ${EMAIL_MAX} characters`
  const parts = email.split('@')
  if (parts.length !== 2) return 'email must contain exactly one @'
  const [local, domain] = parts as [string, string]
  if (local.length === 0 || local.length > 64 || !LOCAL_PART.test(local)) return 'the part of email before the @ is not valid'
  const labels = domain.split('.')
  if (labels.length < 2) return 'the domain of email must contain a dot'
  if (!labels.every((l) => DOMAIN_LABEL.test(l))) return 'the domain of email is not valid'
  return undefined
}

// letters and digits of any script, space, dot, underscore, hyphen; no leading or trailing space
const USER_NAME = /^[\p{L}\p{N}._-]([\p{L}\p{N} ._-]*[\p{L}\p{N}._-])?$/u

/** Why `name` is not a usable user name, or undefined when it is. */
export function userNameProblem(name: string): string | undefined {
  if ([...name].length > USER_NAME_MAX) return `user_name must be at most ${USER_NAME_MAX} characters`
  if (!USER_NAME.test(name)) return 'user_name may contain only letters, digits, spaces (not at either end), dots, underscores and hyphens'
  return undefined
}

/** The name an account gets when Register is not given one: the mailbox part of the email. */
export const defaultUserName = (email: string): string => email.slice(0, email.indexOf('@')).slice(0, USER_NAME_MAX)

/** The end of a lock-out still running at `now`, or undefined. */
export function lockedUntil(user: Pick<User, 'locked_until'>, now: Date): string | undefined {
  if (user.locked_until === '') return undefined
  return new Date(user.locked_until).getTime() > now.getTime() ? user.locked_until : undefined
}

export function lockedError(until: string): ApiError {
  return new ApiError('LoginFailed', `account is locked until ${until} after too many wrong passwords`)
}

/** When a lock that starts at `now` ends. */
export const lockEnd = (now: Date, settings: ActionSettings): string => formatTime(new Date(now.getTime() + settings.loginLockMinutes * 60_000))

/**
 * Wrong login data. By default one answer for both cases, so the reply does not tell whether an
 * email is registered; the `detailed` platform setting emulates clients that expect 1610 / 1620.
 */
export function wrongLogin(mode: PlatformSettings['login_errors'], what: 'no_such_user' | 'wrong_password'): ApiError {
  if (mode === 'generic') return new ApiError('UserOrPasswordNotMatched', 'the email or the password is wrong')
  return what === 'no_such_user' ? new ApiError('UserNotFound', 'no user with this email') : new ApiError('PasswordNotMatched', 'the password is wrong')
}

// An argon2id hash of nothing anyone knows, verified against when there is no real hash, so a
// login for an unknown email (or an account without a password) costs the same time as any other.
let dummyHash: Promise<string> | undefined

/**
 * Whether `password` matches the user's hash. Without a user or a hash it still spends one argon2
 * verification and answers false.
 */
export async function passwordMatches(user: Pick<User, 'password_hash'> | undefined, password: string, verify = verifyPassword): Promise<boolean> {
  if (user && user.password_hash !== '') return verify(user.password_hash, password)
  dummyHash ??= hashPassword('no account has this password, it only takes time to check')
  await verify(await dummyHash, password)
  return false
}
