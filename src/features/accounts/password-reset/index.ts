// Password reset by mail (module /account/, public): RequestPasswordReset mails a token,
// ResetPassword uses it. Limitations: unknown addresses get no mail (a reset cannot be used to mail
// arbitrary people), so the two cases differ by a few database writes; the rate limit is per
// address only, not per client.
import type { Action } from '../../../protocol/action.ts'
import { requestPasswordReset } from './request-password-reset.ts'
import { resetPassword } from './reset-password.ts'

export const passwordResetActions: Action[] = [requestPasswordReset, resetPassword]
