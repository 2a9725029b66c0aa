// VerifyEmail: the mailed link `#/verify?token=…` verifies at once; without a token the page asks
// for the one in the mail.
import { type FormEvent, useEffect, useState } from 'react'
import { Link } from 'wouter'
import { call } from '../../api/client.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { TextField } from '../../components/FormDialog.tsx'
import { useT } from '../../i18n/index.ts'
import { hashParam } from '../../location.ts'

export function VerifyPage() {
  const t = useT()
  const [token, setToken] = useState(hashParam('token'))
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle')
  const [error, setError] = useState<unknown>(null)

  const verify = async (value: string) => {
    setState('busy')
    setError(null)
    try {
      await call('account', 'VerifyEmail', { token: value.trim() })
      setState('done')
    } catch (failure) {
      setError(failure)
      setState('idle')
    }
  }

  // a link from the mail verifies without a click
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, with the token of the link
  useEffect(() => {
    const fromLink = hashParam('token')
    if (fromLink) void verify(fromLink)
  }, [])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void verify(token)
  }
  return (
    <section className="card">
      <h1>{t('account.verifyTitle')}</h1>
      {state === 'done' ? (
        <p role="status">{t('account.verified')}</p>
      ) : (
        <form onSubmit={submit}>
          <TextField label={t('account.token')} value={token} onChange={setToken} required hint={t('account.verifyTokenHint')} />
          <ErrorNotice error={error} hint={error ? t('account.verifyFailedHint') : undefined} />
          <button type="submit" className="primary" disabled={state === 'busy'}>
            {state === 'busy' ? t('common.working') : t('account.verify')}
          </button>
        </form>
      )}
      <p className="card-links">
        <Link href="/signin">{t('account.signInLink')}</Link>
      </p>
    </section>
  )
}
