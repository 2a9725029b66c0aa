// Quotas: what the caller may hold of each resource type in the zone (DescribeQuotas) against what
// is still left (GetQuotaLeft), so used = quota − left. −1 is unlimited: shown as such, no bar.
import { useEffect, useState } from 'react'
import { call } from '../../api/client.ts'
import { useSession } from '../../api/session.tsx'
import { DataTable } from '../../components/DataTable.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { useT } from '../../i18n/index.ts'

interface Row {
  type: string
  quota: number
  left: number
}

export function QuotasPage() {
  const t = useT()
  const { zone } = useSession()
  const [rows, setRows] = useState<Row[] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [reloadKey, setReloadKey] = useState(0)
  // biome-ignore lint/correctness/useExhaustiveDependencies: quotas are per zone (call() reads it); reloadKey is the refresh button
  useEffect(() => {
    let live = true
    Promise.all([call<{ quota_set: Record<string, number> }>('iaas', 'DescribeQuotas'), call<{ quota_left_set: Array<{ resource_type: string; left: number }> }>('iaas', 'GetQuotaLeft')])
      .then(([quotas, left]) => {
        if (!live) return
        const leftOf = new Map(left.quota_left_set.map((l) => [l.resource_type, l.left]))
        setRows(Object.entries(quotas.quota_set).map(([type, quota]) => ({ type, quota, left: leftOf.get(type) ?? quota })))
        setError(null)
      })
      .catch((failure: unknown) => live && setError(failure))
    return () => {
      live = false
    }
  }, [zone, reloadKey])
  // −1 is unlimited: no usage to show
  const shownRows = (rows ?? []).map((r) => ({ ...r, name: quotaTypeName(t, r.type), used: r.quota < 0 ? null : Math.max(0, r.quota - r.left) }))
  return (
    <section>
      <h1>{t('quotas.title')}</h1>
      <p className="muted">{t('quotas.intro', { zone })}</p>
      <div className="toolbar">
        <button type="button" onClick={() => setReloadKey((n) => n + 1)}>
          {t('common.refresh')}
        </button>
      </div>
      <ErrorNotice error={error} />
      <DataTable
        label={t('quotas.title')}
        columns={[
          { header: t('quotas.type'), rowHeader: true, cell: (r) => r.name },
          { header: t('quotas.used'), cell: (r) => r.used ?? t('common.none') },
          { header: t('quotas.allowed'), cell: (r) => (r.quota < 0 ? t('quotas.unlimited') : r.quota) },
          {
            header: t('quotas.usage'),
            cell: (r) =>
              r.used === null ? (
                t('quotas.unlimited')
              ) : (
                <progress max={Math.max(r.quota, 1)} value={r.used} aria-label={t('quotas.usageOf', { type: r.name, used: r.used, quota: r.quota })}>
                  {r.used}/{r.quota}
                </progress>
              ),
          },
        ]}
        rows={shownRows}
        rowKey={(r) => r.type}
        empty={rows === null && !error ? t('common.loading') : undefined}
        cellLabels
      />
    </section>
  )
}

/** A quota type's translated name (instance → Instances), the raw name when there is none. */
export function quotaTypeName(t: ReturnType<typeof useT>, type: string): string {
  return t.maybe(`quotas.type.${type}`) ?? type
}
