// Money: the wallet's balance (GetBalance), spending per day and per resource type over a chosen
// period (GetChargeSums, duration=daily grouped by resource_type, drawn as one line per type), the
// charge records of the zone (GetChargeRecords: the search box filters by resource id, plus a
// time range; the total of every matching record is shown) and a resource's lease (GetLeaseInfo;
// clicking a record's resource looks it up). Recharges are an administrator's list
// (DescribeRecharges): a user sees their effect in the balance.
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { call } from '../../api/client.ts'
import { useSession } from '../../api/session.tsx'
import type { Balance, ChargeRecord, ChargeSum, LeaseInfo } from '../../api/types.ts'
import { Chart, type Series } from '../../components/Chart.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field, TextField } from '../../components/FormDialog.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { useT } from '../../i18n/index.ts'
import { toUtc, when, yuan } from './format.tsx'

const DAY_MS = 24 * 3600 * 1000
const PERIODS = [7, 30, 90]
const apiTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`

export function MoneyPage() {
  const t = useT()
  const [lookup, setLookup] = useState('')
  return (
    <section>
      <h1>{t('money.title')}</h1>
      <BalanceCard />
      <SpendingChart />
      <ChargeRecords onResource={setLookup} />
      <LeaseLookup resource={lookup} />
    </section>
  )
}

function BalanceCard() {
  const t = useT()
  const [balance, setBalance] = useState<Balance | null>(null)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    call<Balance>('iaas', 'GetBalance').then(setBalance, setError)
  }, [])
  return (
    <div className="card">
      <h2>{t('money.balanceHeading')}</h2>
      <ErrorNotice error={error} />
      {balance ? <p className="tile-value">{t('money.balance', { amount: yuan(balance.balance) })}</p> : !error && <p>{t('common.loading')}</p>}
    </div>
  )
}

function SpendingChart() {
  const t = useT()
  const [days, setDays] = useState(30)
  const [series, setSeries] = useState<Series[] | null>(null)
  const [total, setTotal] = useState('')
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    let live = true
    // whole days: the first day of the period from its midnight (UTC) on
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS
    const from = today - (days - 1) * DAY_MS
    call<{ charge_sum_set: Record<string, ChargeSum[]>; total_sum: string }>('iaas', 'GetChargeSums', { duration: 'daily', group_by: ['resource_type'], start_time: apiTime(from), limit: 100 })
      .then((reply) => {
        if (!live) return
        const dayList = Array.from({ length: days }, (_, i) => from + i * DAY_MS)
        setSeries(
          Object.entries(reply.charge_sum_set).map(([type, sums]) => {
            const byDay = new Map(sums.map((s) => [Date.parse(`${s.total}T00:00:00Z`), Number(s.fee)]))
            return { label: t.maybe(`money.type.${type}`) ?? type, points: dayList.map((d) => ({ t: d, v: byDay.get(d) ?? 0 })) }
          }),
        )
        setTotal(reply.total_sum)
        setError(null)
      })
      .catch((failure: unknown) => live && setError(failure))
    return () => {
      live = false
    }
  }, [days, t])
  return (
    <div className="card">
      <h2>{t('money.chartTitle')}</h2>
      <Field label={t('money.period')}>
        {(id) => (
          <select id={id} value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {PERIODS.map((n) => (
              <option key={n} value={n}>
                {t('money.lastDays', { days: n })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ErrorNotice error={error} />
      {series && (
        <>
          <p>{t('money.periodTotal', { amount: yuan(total) })}</p>
          {series.length === 0 ? <p>{t('money.noSpending')}</p> : <Chart label={t('money.chartTitle')} series={series} unit=" ¥" />}
        </>
      )}
    </div>
  )
}

function ChargeRecords({ onResource }: { onResource: (id: string) => void }) {
  const t = useT()
  const { zone } = useSession()
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [reloadKey, setReloadKey] = useState(0)
  const [totalSum, setTotalSum] = useState<string | null>(null)
  const range = useRef<{ start_time?: string | undefined; end_time?: string | undefined }>({})
  const fetchRecords = async (q: ListQuery) => {
    const reply = await call<{ charge_record_set: ChargeRecord[]; total_count: number; total_sum: string }>('iaas', 'GetChargeRecords', {
      offset: q.offset,
      limit: q.limit,
      resource: q.search_word,
      ...range.current,
    })
    setTotalSum(reply.total_sum)
    return { items: reply.charge_record_set, total: reply.total_count }
  }
  const columns: Column<ChargeRecord>[] = [
    { label: t('money.start'), render: (r) => when(t, r.start_time) },
    {
      label: t('money.resource'),
      render: (r) => (
        <button type="button" className="link" onClick={() => onResource(r.resource_id)} title={t('money.showLease')}>
          {r.resource_name ? `${r.resource_name} (${r.resource_id})` : r.resource_id}
        </button>
      ),
    },
    { label: t('money.resourceType'), render: (r) => t.maybe(`money.type.${r.resource_type}`) ?? r.resource_type },
    { label: t('money.duration'), render: (r) => r.duration },
    { label: t('money.price'), render: (r) => yuan(r.price) },
    { label: t('money.fee'), render: (r) => yuan(r.fee) },
    { label: t('money.remarks'), render: (r) => r.remarks || t('common.none') },
  ]
  const apply = (e: FormEvent) => {
    e.preventDefault()
    range.current = { start_time: toUtc(from), end_time: toUtc(to) }
    setReloadKey((n) => n + 1)
  }
  return (
    <div className="card">
      <h2>{t('money.records', { zone })}</h2>
      <form className="toolbar" onSubmit={apply}>
        <TextField label={t('money.from')} type="datetime-local" value={from} onChange={setFrom} />
        <TextField label={t('money.to')} type="datetime-local" value={to} onChange={setTo} />
        <button type="submit">{t('money.applyRange')}</button>
      </form>
      <ResourceList label={t('money.recordsTable')} fetch={fetchRecords} rowId={(r) => `${r.resource_id} ${r.start_time} ${r.fee} ${r.remarks}`} columns={columns} reloadKey={reloadKey} />
      {totalSum !== null && <p>{t('money.recordsTotal', { amount: yuan(totalSum) })}</p>}
    </div>
  )
}

function LeaseLookup({ resource }: { resource: string }) {
  const t = useT()
  const [id, setId] = useState(resource)
  const [lease, setLease] = useState<LeaseInfo | null>(null)
  const [error, setError] = useState<unknown>(null)
  const look = (target: string) => {
    setError(null)
    setLease(null)
    if (target.trim() === '') return
    call<{ lease_info: LeaseInfo }>('iaas', 'GetLeaseInfo', { resource: target.trim() }).then((r) => setLease(r.lease_info), setError)
  }
  // a click on a record's resource looks its lease up
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new resource from the records triggers it
  useEffect(() => {
    if (resource === '') return
    setId(resource)
    look(resource)
  }, [resource])
  return (
    <div className="card" id="lease">
      <h2>{t('money.lease')}</h2>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault()
          look(id)
        }}
      >
        <TextField label={t('money.leaseResource')} value={id} onChange={setId} placeholder="i-…" />
        <button type="submit">{t('money.showLease')}</button>
      </form>
      <ErrorNotice error={error} />
      {lease && (
        <dl className="details">
          <dt>{t('money.resource')}</dt>
          <dd>
            <code>{lease.resource_id}</code>
          </dd>
          <dt>{t('money.leaseStatus')}</dt>
          <dd>{lease.status === 'ended' ? <span className="badge badge-grey">{t('money.leaseEnded')}</span> : <StatusBadge status={lease.status} />}</dd>
          <dt>{t('money.contract')}</dt>
          <dd>{t('money.contractText', { duration: lease.contract.duration, price: yuan(lease.contract.price), id: lease.contract.contract_id })}</dd>
          <dt>{t('money.leaseTime')}</dt>
          <dd>{when(t, lease.lease_time)}</dd>
          <dt>{t('money.renewalTime')}</dt>
          <dd>{when(t, lease.renewal_time)}</dd>
          <dt>{t('money.renewal')}</dt>
          <dd>{lease.renewal === 'auto' ? t('money.renewalAuto') : t('money.renewalManual')}</dd>
        </dl>
      )}
    </div>
  )
}
