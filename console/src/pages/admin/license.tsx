// Administration → License: the license in force and what it allows (DescribeLicense: status,
// licensee, expiry, host limit against the hosts there are), and LoadLicense from the certificate
// text `qinglocal license issue` printed, pasted into a textarea.
import { type FormEvent, useCallback, useEffect, useState } from 'react'
import { call } from '../../api/client.ts'
import type { LicenseState } from '../../api/types.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { TextField } from '../../components/FormDialog.tsx'
import { useT } from '../../i18n/index.ts'
import { when } from '../money/format.tsx'

export function LicensePage() {
  const t = useT()
  const [state, setState] = useState<LicenseState | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [loaded, setLoaded] = useState('')
  const load = useCallback(() => {
    call<LicenseState>('admin', 'DescribeLicense').then(setState, setError)
  }, [])
  useEffect(load, [load])
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setLoadError(null)
    setLoaded('')
    try {
      const reply = await call<{ license: { license_id: string }; in_force: number }>('admin', 'LoadLicense', { license: text.trim() })
      setLoaded(reply.in_force ? t('admin.licenseInForce', { id: reply.license.license_id }) : t('admin.licenseKept', { id: reply.license.license_id }))
      setText('')
      load()
    } catch (failure) {
      setLoadError(failure)
    } finally {
      setBusy(false)
    }
  }
  const l = state?.license
  return (
    <section>
      <h1>{t('admin.license')}</h1>
      <div className="card">
        <ErrorNotice error={error} />
        {state && (
          <dl className="details">
            <dt>{t('admin.status')}</dt>
            <dd>
              <span className={`badge badge-${state.status === 'valid' ? 'green' : state.status === 'expired' ? 'red' : 'grey'}`}>{t(`admin.licenseStatus.${state.status}`)}</span>
            </dd>
            <dt>{t('admin.platformId')}</dt>
            <dd>
              <code>{state.platform_id}</code>
            </dd>
            <dt>{t('admin.hostLimit')}</dt>
            <dd>{t('admin.hostLimitText', { count: state.host_count, limit: state.host_limit, unlicensed: state.unlicensed_hosts })}</dd>
            {l && (
              <>
                <dt>{t('admin.licensee')}</dt>
                <dd>{l.licensee}</dd>
                <dt>{t('admin.licenseId')}</dt>
                <dd>
                  <code>{l.license_id}</code>
                </dd>
                <dt>{t('admin.licenseExpires')}</dt>
                <dd>{when(t, l.expires)}</dd>
                <dt>{t('admin.licenseMaxHosts')}</dt>
                <dd>{l.max_hosts}</dd>
                <dt>{t('admin.licenseFeatures')}</dt>
                <dd>{l.features.length ? l.features.join(', ') : t('common.none')}</dd>
              </>
            )}
          </dl>
        )}
      </div>
      <form className="card" onSubmit={submit}>
        <h2>{t('admin.loadLicense')}</h2>
        <TextField label={t('admin.certificate')} value={text} onChange={setText} multiline required hint={t('admin.certificateHint')} />
        <ErrorNotice error={loadError} />
        {loaded && (
          <p className="notice" role="status">
            {loaded}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('common.working') : t('admin.loadLicense')}
        </button>
      </form>
    </section>
  )
}
