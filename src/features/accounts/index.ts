// accounts: registration, verification, login, sessions and passwords (module /account/).
// Limitations: user names need not be unique (the email is the identity); there is no
// self-service account deletion or email change yet. Wrong logins for unknown emails
// (login-failures.ts, generic errors only) keep one row per email hash, never pruned.
import type { Action } from '../../protocol/action.ts'
import { changePassword } from './actions/change-password.ts'
import { describeMyself } from './actions/describe-myself.ts'
import { login } from './actions/login.ts'
import { logout } from './actions/logout.ts'
import { register } from './actions/register.ts'
import { resendVerification } from './actions/resend-verification.ts'
import { verifyEmail } from './actions/verify-email.ts'
import { passwordResetActions } from './password-reset/index.ts'

export const accountActions: Action[] = [register, verifyEmail, resendVerification, login, logout, describeMyself, changePassword, ...passwordResetActions]
