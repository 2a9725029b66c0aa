// Quotas: what the caller may hold of each resource type in the zone (DescribeQuotas) against what
// is still left (GetQuotaLeft), so used = quota − left. −1 is unlimited: shown as such, no bar.
import { useEffect, useState } from 'react'
import { call } from '../../api/client.ts'
import { useSession } from '../../api/session.tsx'
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
      <div className="table-wrap">
        <table aria-label={t('quotas.title')}>
          <thead>
            <tr>
              <th scope="col">{t('quotas.type')}</th>
              <th scope="col">{t('quotas.used')}</th>
              <th scope="col">{t('quotas.allowed')}</th>
              <th scope="col">{t('quotas.usage')}</th>
            </tr>
          </thead>
          <tbody>
            {rows === null && !error && (
              <tr>
                <td colSpan={4}>{t('common.loading')}</td>
              </tr>
            )}
            {rows?.map((r) => {
              const name = quotaTypeName(t, r.type)
              const unlimited = r.quota < 0
              const used = unlimited ? null : Math.max(0, r.quota - r.left)
              return (
                <tr key={r.type}>
                  <th scope="row">{name}</th>
                  <td data-label={t('quotas.used')}>{used ?? t('common.none')}</td>
                  <td data-label={t('quotas.allowed')}>{unlimited ? t('quotas.unlimited') : r.quota}</td>
                  <td data-label={t('quotas.usage')}>
                    {used === null ? (
                      t('quotas.unlimited')
                    ) : (
                      <progress max={Math.max(r.quota, 1)} value={used} aria-label={t('quotas.usageOf', { type: name, used, quota: r.quota })}>
                        {used}/{r.quota}
                      </progress>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}

/** A quota type's translated name (instance → Instances), the raw name when there is none. */
export function quotaTypeName(t: ReturnType<typeof useT>, type: string): string {
  return t.maybe(`quotas.type.${type}`) ?? type
}
