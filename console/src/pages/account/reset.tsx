// Forgotten password: RequestPasswordReset mails a token (the answer is the same for unknown
// addresses); ResetPassword with that token (`#/reset?token=…` or typed in) sets a new password.
import { useState } from 'react'
import { Link } from 'wouter'
import { call } from '../../api/client.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { TextField } from '../../components/FormDialog.tsx'
import { SubmitButton, useSubmit } from '../../components/SubmitForm.tsx'
import { useT } from '../../i18n/index.ts'
import { hashParam } from '../../location.ts'

export function RequestResetPage() {
  const t = useT()
  const [email, setEmail] = useState('')
  const { busy, error, done: sent, submit } = useSubmit(() => call('account', 'RequestPasswordReset', { email }))
  return (
    <section className="card">
      <h1>{t('account.forgotTitle')}</h1>
      {sent ? (
        <p role="status">{t('account.resetSent', { email })}</p>
      ) : (
        <form onSubmit={submit}>
          <TextField label={t('account.email')} type="email" value={email} onChange={setEmail} required autoComplete="email" />
          <ErrorNotice error={error} />
          <SubmitButton busy={busy} label={t('account.sendReset')} />
        </form>
      )}
      <p className="card-links">
        <Link href="/reset">{t('account.haveResetToken')}</Link> · <Link href="/signin">{t('account.signInLink')}</Link>
      </p>
    </section>
  )
}

export function ResetPasswordPage() {
  const t = useT()
  const [token, setToken] = useState(hashParam('token'))
  const [password, setPassword] = useState('')
  const { busy, error, done, submit } = useSubmit(() => call('account', 'ResetPassword', { token: token.trim(), new_password: password }))
  return (
    <section className="card">
      <h1>{t('account.resetTitle')}</h1>
      {done ? (
        <p role="status">{t('account.resetDone')}</p>
      ) : (
        <form onSubmit={submit}>
          <TextField label={t('account.token')} value={token} onChange={setToken} required />
          <TextField label={t('account.newPassword')} type="password" value={password} onChange={setPassword} required autoComplete="new-password" hint={t('account.passwordRules')} />
          <ErrorNotice error={error} />
          <SubmitButton busy={busy} label={t('account.resetPassword')} />
        </form>
      )}
      <p className="card-links">
        <Link href="/signin">{t('account.signInLink')}</Link>
      </p>
    </section>
  )
}
