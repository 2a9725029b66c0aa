// Register (on /account/): email, optional user name, password, and an invite code when the platform
// asks for one. The account then waits for its email to be verified (the mail carries the token).
import { type FormEvent, useState } from 'react'
import { Link } from 'wouter'
import { call, optional } from '../../api/client.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { TextField } from '../../components/FormDialog.tsx'
import { useT } from '../../i18n/index.ts'

export function RegisterPage() {
  const t = useT()
  const [email, setEmail] = useState('')
  const [userName, setUserName] = useState('')
  const [password, setPassword] = useState('')
  const [invite, setInvite] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await call('account', 'Register', { email, password, user_name: optional(userName), invite_code: optional(invite) })
      setDone(true)
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }

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
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('common.working') : t('account.register')}
        </button>
      </form>
      <p className="card-links">
        <Link href="/signin">{t('account.signInLink')}</Link>
      </p>
    </section>
  )
}
