// Register (on /account/): email, optional user name, password, and an invite code when the platform
// asks for one. The account then waits for its email to be verified (the mail carries the token).
import { useState } from 'react'
import { Link } from 'wouter'
import { call, optional } from '../../api/client.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { TextField } from '../../components/FormDialog.tsx'
import { SubmitButton, useSubmit } from '../../components/SubmitForm.tsx'
import { useT } from '../../i18n/index.ts'

export function RegisterPage() {
  const t = useT()
  const [email, setEmail] = useState('')
  const [userName, setUserName] = useState('')
  const [password, setPassword] = useState('')
  const [invite, setInvite] = useState('')
  const { busy, error, done, submit } = useSubmit(() => call('account', 'Register', { email, password, user_name: optional(userName), invite_code: optional(invite) }))

  if (done)
    return (
      <section className="card">
        <h1>{t('account.registerTitle')}</h1>
        <p role="status">{t('account.registered', { email })}</p>
        <Link href="/verify">{t('account.verifyLink')}</Link>
      </section>
    )
  return (
    <section className="card">
      <h1>{t('account.registerTitle')}</h1>
      <form onSubmit={submit}>
        <TextField label={t('account.email')} type="email" value={email} onChange={setEmail} required autoComplete="email" />
        <TextField label={t('account.userName')} value={userName} onChange={setUserName} autoComplete="nickname" />
        <TextField label={t('account.password')} type="password" value={password} onChange={setPassword} required autoComplete="new-password" hint={t('account.passwordRules')} />
        <TextField label={t('account.inviteCode')} value={invite} onChange={setInvite} hint={t('account.inviteHint')} />
        <ErrorNotice error={error} />
        <SubmitButton busy={busy} label={t('account.register')} />
      </form>
      <p className="card-links">
        <Link href="/signin">{t('account.signInLink')}</Link>
      </p>
    </section>
  )
}
