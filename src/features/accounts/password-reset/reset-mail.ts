// The mails of a password reset, written for a person reading them in their mailbox.
import { formatTime } from '../../../lib/clock.ts'

/** A reset token is valid this long after it was mailed. */
export const RESET_TOKEN_MINUTES = 60
/** Mail subjects (tests and people find the mail by them). */
export const RESET_SUBJECT = 'Reset your QingLocal password'
export const PASSWORD_CHANGED_SUBJECT = 'Your QingLocal password was changed'

/** The token is on its own line as `token=…`. */
export function resetMail(token: string): string {
  return [
    'Someone (hopefully you) asked to reset the password of the QingLocal account with this email address.',
    '',
    'To choose a new password, call the account API action ResetPassword (module /account/) with',
    'the parameter new_password and this parameter:',
    '',
    `  token=${token}`,
    '',
    `The token works once and expires ${RESET_TOKEN_MINUTES} minutes after this mail was sent; a newer reset`,
    'mail replaces it. Resetting the password signs you out everywhere.',
    'If you did not ask for this, ignore this mail: your password stays as it is.',
  ].join('\n')
}

export function passwordChangedMail(now: Date): string {
  return [
    `The password of the QingLocal account with this email address was reset at ${formatTime(now)}`,
    'with a token from a reset mail, and every session of the account was ended.',
    '',
    'If that was not you, someone can read your mail: secure your mailbox, then ask for a new reset.',
  ].join('\n')
}
