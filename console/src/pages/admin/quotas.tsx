// Administration → Quotas: the platform defaults (DescribeQuotaDefaults / ModifyQuotaDefaults) and
// one user's quotas in the current zone (DescribeUserQuotas: in force, default, overridden, usage,
// left), changed with SetUserQuotas or put back to the defaults with ResetUserQuotas (one type or
// all). −1 means unlimited everywhere. Only values that changed are sent.
import { type FormEvent, useCallback, useEffect, useState } from 'react'
import { call } from '../../api/client.ts'
import { useSession } from '../../api/session.tsx'
import type { UserQuota } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { DataTable } from '../../components/DataTable.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FormDialog, TextField } from '../../components/FormDialog.tsx'
import { useT } from '../../i18n/index.ts'
import { quotaTypeName } from '../money/quotas.tsx'

type T = ReturnType<typeof useT>
const shown = (t: T, n: number) => (n < 0 ? t('quotas.unlimited') : String(n))

export function AdminQuotasPage() {
  const t = useT()
  return (
    <section>
      <h1>{t('admin.quotas')}</h1>
      <Defaults />
      <UserQuotas />
    </section>
  )
}

function Defaults() {
  const t = useT()
  const [defaults, setDefaults] = useState<Record<string, number> | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [editing, setEditing] = useState(false)
  const load = useCallback(() => {
    call<{ quota_set: Record<string, number> }>('admin', 'DescribeQuotaDefaults').then((r) => setDefaults(r.quota_set), setError)
  }, [])
  useEffect(load, [load])
  return (
    <div className="card">
      <h2>{t('admin.quotaDefaults')}</h2>
      <ErrorNotice error={error} />
      {defaults && (
        <>
          <QuotaTable rows={Object.entries(defaults).map(([type, quota]) => ({ type, quota }))} label={t('admin.quotaDefaults')} />
          <button type="button" onClick={() => setEditing(true)}>
            {t('admin.modifyDefaults')}
          </button>
          {editing && (
            <QuotaDialog
              title={t('admin.modifyDefaults')}
              current={defaults}
              onClose={() => setEditing(false)}
              submit={async (changed) => {
                await call('admin', 'ModifyQuotaDefaults', changed)
                load()
              }}
            />
          )}
        </>
      )}
    </div>
  )
}

function QuotaTable({ rows, label }: { rows: Array<{ type: string; quota: number }>; label: string }) {
  const t = useT()
  return (
    <DataTable
      label={label}
      columns={[
        { header: t('quotas.type'), rowHeader: true, cell: (r) => quotaTypeName(t, r.type) },
        { header: t('quotas.allowed'), cell: (r) => shown(t, r.quota) },
      ]}
      rows={rows}
      rowKey={(r) => r.type}
    />
  )
}

/** One number per type, prefilled; submits only the types whose value changed. */
function QuotaDialog({ title, current, submit, onClose }: { title: string; current: Record<string, number>; submit: (changed: Record<string, string>) => Promise<void>; onClose: () => void }) {
  const t = useT()
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(Object.entries(current).map(([k, v]) => [k, String(v)])))
  return (
    <FormDialog title={title} submitLabel={t('common.save')} wide onClose={onClose} onSubmit={() => submit(Object.fromEntries(Object.entries(values).filter(([k, v]) => v.trim() !== String(current[k]))))}>
      <p className="muted">{t('admin.quotaHint')}</p>
      {Object.keys(current).map((type) => (
        <TextField key={type} label={quotaTypeName(t, type)} type="number" value={values[type] ?? ''} onChange={(v) => setValues({ ...values, [type]: v })} />
      ))}
    </FormDialog>
  )
}

function UserQuotas() {
  const t = useT()
  const { zone } = useSession()
  const [user, setUser] = useState('')
  const [shownUser, setShownUser] = useState('')
  const [quotas, setQuotas] = useState<UserQuota[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [editing, setEditing] = useState(false)
  const load = useCallback(
    (target: string) => {
      setError(null)
      if (target === '') return
      call<{ quota_set: UserQuota[] }>('admin', 'DescribeUserQuotas', { user: target, zone }).then(
        (r) => {
          setQuotas(r.quota_set)
          setShownUser(target)
        },
        (failure: unknown) => {
          setQuotas(null)
          setError(failure)
        },
      )
    },
    [zone],
  )
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new zone re-reads the user shown
  useEffect(() => load(shownUser), [zone])
  const look = (e: FormEvent) => {
    e.preventDefault()
    load(user.trim())
  }
  return (
    <div className="card">
      <h2>{t('admin.userQuotas', { zone })}</h2>
      <form className="toolbar" onSubmit={look}>
        <TextField label={t('admin.quotaUser')} value={user} onChange={setUser} placeholder="usr-…" required />
        <button type="submit">{t('admin.showQuotas')}</button>
      </form>
      <ErrorNotice error={error} />
      {quotas && (
        <>
          <div className="toolbar">
            <button type="button" onClick={() => setEditing(true)}>
              {t('admin.setQuotas')}
            </button>
            <ActionButton
              label={t('admin.resetAllQuotas')}
              disabled={!quotas.some((q) => q.overridden)}
              confirm={t('admin.confirmResetQuotas', { user: shownUser })}
              run={() => call('admin', 'ResetUserQuotas', { user: shownUser, zone })}
              onDone={() => load(shownUser)}
            />
          </div>
          <DataTable
            label={t('admin.userQuotas', { zone })}
            columns={[
              { header: t('quotas.type'), rowHeader: true, cell: (q) => quotaTypeName(t, q.resource_type) },
              { header: t('quotas.used'), cell: (q) => q.usage },
              { header: t('quotas.allowed'), cell: (q) => shown(t, q.quota) },
              { header: t('admin.defaultQuota'), cell: (q) => shown(t, q.default_quota) },
              { header: t('quotas.left'), cell: (q) => shown(t, q.left) },
              {
                header: t('admin.override'),
                cell: (q) =>
                  q.overridden ? (
                    <ActionButton
                      label={t('admin.resetQuota', { type: quotaTypeName(t, q.resource_type) })}
                      run={() => call('admin', 'ResetUserQuotas', { user: shownUser, zone, resource_types: [q.resource_type] })}
                      onDone={() => load(shownUser)}
                    />
                  ) : (
                    t('admin.notOverridden')
                  ),
              },
            ]}
            rows={quotas}
            rowKey={(q) => q.resource_type}
          />
          {editing && (
            <QuotaDialog
              title={t('admin.setQuotasTitle', { user: shownUser, zone })}
              current={Object.fromEntries(quotas.map((q) => [q.resource_type, q.quota]))}
              onClose={() => setEditing(false)}
              submit={async (changed) => {
                await call('admin', 'SetUserQuotas', { user: shownUser, zone, ...changed })
                load(shownUser)
              }}
            />
          )}
        </>
      )}
    </div>
  )
}
