// Administration → Platform: who may register and how login errors read (Describe/
// ModifyPlatformSettings), maintenance (DescribeMaintenance; StartMaintenance with an optional end
// time and message — mutating actions then answer 5300 —, StopMaintenance) and the image warehouse
// (DescribeWarehouse; EnableWarehouse / DisableWarehouse).
import { type FormEvent, useCallback, useEffect, useState } from 'react'
import { call, optional } from '../../api/client.ts'
import type { Maintenance, PlatformSettings, Warehouse } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { SelectField, TextField } from '../../components/FormDialog.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { useT } from '../../i18n/index.ts'
import { toUtc, when } from '../money/format.tsx'

export function PlatformPage() {
  const t = useT()
  return (
    <section>
      <h1>{t('admin.platform')}</h1>
      <SettingsCard />
      <MaintenanceCard />
      <WarehouseCard />
    </section>
  )
}

/** A form that runs `submit`, shows the API's error or a saved notice. */
function useSubmit(submit: () => Promise<void>) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState(false)
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    setDone(false)
    try {
      await submit()
      setDone(true)
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, done, onSubmit }
}

function SettingsCard() {
  const t = useT()
  const [settings, setSettings] = useState<PlatformSettings | null>(null)
  const [loadError, setLoadError] = useState<unknown>(null)
  useEffect(() => {
    call<PlatformSettings>('admin', 'DescribePlatformSettings').then(setSettings, setLoadError)
  }, [])
  const form = useSubmit(async () => {
    if (!settings) return
    setSettings(await call<PlatformSettings>('admin', 'ModifyPlatformSettings', { registration: settings.registration, login_errors: settings.login_errors }))
  })
  return (
    <form className="card" onSubmit={form.onSubmit}>
      <h2>{t('admin.platformSettings')}</h2>
      <ErrorNotice error={loadError} />
      {settings && (
        <>
          <SelectField
            label={t('admin.registration')}
            value={settings.registration}
            onChange={(v) => setSettings({ ...settings, registration: v as PlatformSettings['registration'] })}
            options={(['open', 'invite', 'closed'] as const).map((v) => ({ value: v, label: t(`admin.registration.${v}`) }))}
          />
          <SelectField
            label={t('admin.loginErrors')}
            value={settings.login_errors}
            onChange={(v) => setSettings({ ...settings, login_errors: v as PlatformSettings['login_errors'] })}
            options={(['generic', 'detailed'] as const).map((v) => ({ value: v, label: t(`admin.loginErrors.${v}`) }))}
          />
          <ErrorNotice error={form.error} />
          {form.done && (
            <p className="notice" role="status">
              {t('admin.saved')}
            </p>
          )}
          <button type="submit" className="primary" disabled={form.busy}>
            {form.busy ? t('common.working') : t('admin.saveSettings')}
          </button>
        </>
      )}
    </form>
  )
}

function MaintenanceCard() {
  const t = useT()
  const [state, setState] = useState<Maintenance | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [end, setEnd] = useState('')
  const [message, setMessage] = useState('')
  const load = useCallback(() => {
    call<{ maintenance: Maintenance }>('admin', 'DescribeMaintenance').then((r) => setState(r.maintenance), setError)
  }, [])
  useEffect(load, [load])
  const form = useSubmit(async () => {
    const reply = await call<{ maintenance: Maintenance }>('admin', 'StartMaintenance', { end_time: toUtc(end), message: optional(message) })
    setState(reply.maintenance)
  })
  const on = state?.status === 'on'
  return (
    <div className="card">
      <h2>{t('admin.maintenance')}</h2>
      <ErrorNotice error={error} />
      {state && (
        <dl className="details">
          <dt>{t('admin.status')}</dt>
          <dd>
            <span className={on ? 'badge badge-amber' : 'badge badge-grey'}>{on ? t('admin.maintenanceOn') : t('admin.maintenanceOff')}</span>
          </dd>
          {on && (
            <>
              <dt>{t('admin.maintenanceSince')}</dt>
              <dd>{when(t, state.start_time)}</dd>
              <dt>{t('admin.maintenanceUntil')}</dt>
              <dd>{state.end_time ? when(t, state.end_time) : t('admin.untilStopped')}</dd>
              <dt>{t('admin.maintenanceMessage')}</dt>
              <dd>{state.message || t('common.none')}</dd>
            </>
          )}
        </dl>
      )}
      <form onSubmit={form.onSubmit}>
        <TextField label={t('admin.maintenanceEnd')} type="datetime-local" value={end} onChange={setEnd} hint={t('admin.maintenanceEndHint')} />
        <TextField label={t('admin.maintenanceMessage')} value={message} onChange={setMessage} />
        <ErrorNotice error={form.error} />
        <div className="toolbar">
          <button type="submit" className="primary" disabled={form.busy}>
            {on ? t('admin.extendMaintenance') : t('admin.startMaintenance')}
          </button>
          <ActionButton label={t('admin.stopMaintenance')} disabled={!on} run={() => call('admin', 'StopMaintenance')} onDone={load} />
        </div>
      </form>
    </div>
  )
}

function WarehouseCard() {
  const t = useT()
  const [state, setState] = useState<Warehouse | null>(null)
  const [error, setError] = useState<unknown>(null)
  const load = useCallback(() => {
    call<Warehouse>('admin', 'DescribeWarehouse').then(setState, setError)
  }, [])
  useEffect(load, [load])
  return (
    <div className="card">
      <h2>{t('admin.warehouse')}</h2>
      <ErrorNotice error={error} />
      {state && (
        <dl className="details">
          <dt>{t('admin.status')}</dt>
          <dd>
            <StatusBadge status={state.enabled ? 'enabled' : 'disabled'} />
          </dd>
          <dt>{t('admin.warehouseDirectory')}</dt>
          <dd>
            <code>{state.directory}</code>
          </dd>
          <dt>{t('admin.warehouseImages')}</dt>
          <dd>{state.images_stored}</dd>
          <dt>{t('admin.warehouseBytes')}</dt>
          <dd>{t('admin.megabytes', { mb: (state.bytes_used / 1048576).toFixed(1) })}</dd>
        </dl>
      )}
      <div className="toolbar">
        <ActionButton label={t('admin.enableWarehouse')} disabled={state?.enabled === 1} run={() => call('admin', 'EnableWarehouse')} onDone={load} />
        <ActionButton label={t('admin.disableWarehouse')} danger disabled={state?.enabled !== 1} confirm={t('admin.confirmDisableWarehouse')} run={() => call('admin', 'DisableWarehouse')} onDone={load} />
      </div>
    </div>
  )
}
