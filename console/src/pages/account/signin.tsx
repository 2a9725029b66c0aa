// Sign-in (Login on /account/). Failures are explained in words first — wrong email or password,
// locked after too many tries, email not verified yet (with a button to resend the mail), banned —
// then the API's own code and message.
import { type FormEvent, useState } from 'react'
import { Link, useLocation } from 'wouter'
import { ApiFailure, Codes, call, setCsrfToken } from '../../api/client.ts'
import { useSession } from '../../api/session.tsx'
import type { LoginReply } from '../../api/types.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { TextField } from '../../components/FormDialog.tsx'
import { type MessageKey, useT } from '../../i18n/index.ts'

const HINTS: Record<number, MessageKey> = {
  [Codes.LoginFailed]: 'account.lockedHint',
  [Codes.UserNotFound]: 'account.unknownEmailHint',
  [Codes.PasswordNotMatched]: 'account.wrongPasswordHint',
  [Codes.UserOrPasswordNotMatched]: 'account.wrongLoginHint',
  [Codes.RegistrationNotFinished]: 'account.notVerifiedHint',
  [Codes.AccessDenied]: 'account.bannedHint',
}

export function SignInPage() {
  const t = useT()
  const { refresh } = useSession()
  const [, navigate] = useLocation()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [resent, setResent] = useState<unknown>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    setResent(null)
    try {
      const reply = await call<LoginReply>('account', 'Login', { email, password })
      setCsrfToken(reply.csrf_token)
      await refresh()
      navigate('/', { replace: true })
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }

  const resend = async () => {
    try {
      await call('account', 'ResendVerification', { email })
      setResent(true)
    } catch (failure) {
      setResent(failure)
    }
  }

  const code = error instanceof ApiFailure ? error.code : undefined
  const hint = code !== undefined && HINTS[code] ? t(HINTS[code]) : undefined
  return (
    <section className="card">
      <h1>{t('account.signInTitle')}</h1>
      <form onSubmit={submit}>
        <TextField label={t('account.email')} type="email" value={email} onChange={setEmail} required autoComplete="username" />
        <TextField label={t('account.password')} type="password" value={password} onChange={setPassword} required autoComplete="current-password" />
        <ErrorNotice error={error} hint={hint} />
        {code === Codes.RegistrationNotFinished && (
          <p>
            <button type="button" onClick={() => void resend()}>
              {t('account.resendVerification')}
            </button>
          </p>
        )}
        {resent === true ? <p role="status">{t('account.verificationResent')}</p> : <ErrorNotice error={resent === null ? null : resent} />}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('common.working') : t('account.signIn')}
        </button>
      </form>
      <p className="card-links">
        <Link href="/register">{t('account.registerLink')}</Link> · <Link href="/forgot">{t('account.forgotLink')}</Link> · <Link href="/verify">{t('account.verifyLink')}</Link>
      </p>
    </section>
  )
}
