// EIPs: the list (DescribeEips, status filter, the holder `resource` shown), AllocateEips with
// bandwidth / billing mode / name / count, AssociateEip to an instance, DissociateEips,
// ChangeEipsBandwidth, ModifyEipAttributes and ReleaseEips (each job tracked until it ends), and a
// detail page per EIP with its traffic chart (GetMonitor, meter `traffic`, Bps in/out). A server
// without GetMonitor answers 1101: the chart then says monitoring is not available.
import { useEffect, useState } from 'react'
import { Link, useParams } from 'wouter'
import { ApiFailure, call, optional } from '../../api/client.ts'
import { component, decodeSeries, padWindow, stepSeconds, utc } from '../../api/monitor.ts'
import type { DescribeReply, Eip, MonitorMeter } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { Chart, type Series } from '../../components/Chart.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { useJobs } from '../../components/JobProgress.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { type Translate, useT } from '../../i18n/index.ts'
import { formatTime, InstanceSelect, Properties, useResource } from './shared.tsx'

const STATUSES = ['pending', 'available', 'associated', 'suspended', 'released', 'ceased']

const fetchEips = (q: ListQuery) =>
  call<DescribeReply<'eip_set', Eip>>('iaas', 'DescribeEips', { ...q, status: q.status ?? ['pending', 'available', 'associated', 'suspended'], verbose: 1 }).then((r) => ({ items: r.eip_set, total: r.total_count }))

const holderText = (t: Translate, e: Eip) =>
  e.resource?.resource_id ? `${e.resource.resource_name ? `${e.resource.resource_name} ` : ''}(${e.resource.resource_id}${e.resource.resource_type ? `, ${e.resource.resource_type}` : ''})` : t('common.none')
const billingText = (t: Translate, mode: string) => (mode === 'traffic' ? t('eips.billingTraffic') : t('eips.billingBandwidth'))

type Dialog = { kind: 'allocate' } | { kind: 'associate'; eip: Eip } | { kind: 'bandwidth'; eips: Eip[] } | { kind: 'modify'; eip: Eip }

export function EipsPage() {
  const t = useT()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = () => setReloadKey((n) => n + 1)
  const close = () => setDialog(null)

  const columns: Column<Eip>[] = [
    {
      label: t('eips.id'),
      render: (e) => (
        <Link href={`/eips/${e.eip_id}`}>
          <code>{e.eip_id}</code>
        </Link>
      ),
    },
    { label: t('eips.name'), render: (e) => e.eip_name || t('common.none') },
    { label: t('eips.address'), render: (e) => <code>{e.eip_addr}</code> },
    { label: t('eips.status'), render: (e) => <StatusBadge status={e.status} transition={e.transition_status} /> },
    { label: t('eips.bandwidth'), render: (e) => t('eips.mbps', { n: e.bandwidth }) },
    { label: t('eips.billingMode'), render: (e) => billingText(t, e.billing_mode) },
    { label: t('eips.resource'), render: (e) => holderText(t, e) },
    { label: t('eips.created'), render: (e) => formatTime(t, e.create_time) },
  ]

  return (
    <section>
      <h1>{t('eips.title')}</h1>
      <ResourceList
        label={t('eips.title')}
        fetch={fetchEips}
        rowId={(e) => e.eip_id}
        columns={columns}
        statuses={STATUSES}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => {
          const one = selected.length === 1 ? selected[0] : undefined
          return (
            <>
              <button type="button" className="primary" onClick={() => setDialog({ kind: 'allocate' })}>
                {t('eips.allocate')}
              </button>
              <button type="button" disabled={one?.status !== 'available'} onClick={() => one && setDialog({ kind: 'associate', eip: one })}>
                {t('eips.associate')}
              </button>
              <ActionButton
                label={t('eips.dissociate')}
                disabled={selected.length === 0 || selected.some((e) => e.status !== 'associated')}
                confirm={t('eips.confirmDissociate', { ids: selected.map((e) => e.eip_id).join(', ') })}
                run={() => call('iaas', 'DissociateEips', { eips: selected.map((e) => e.eip_id) })}
                onDone={reloadList}
              />
              <button type="button" disabled={selected.length === 0} onClick={() => setDialog({ kind: 'bandwidth', eips: selected })}>
                {t('eips.changeBandwidth')}
              </button>
              <button type="button" disabled={!one} onClick={() => one && setDialog({ kind: 'modify', eip: one })}>
                {t('common.modify')}
              </button>
              <ActionButton
                label={t('eips.release')}
                danger
                disabled={selected.length === 0}
                confirm={t('eips.confirmRelease', { ids: selected.map((e) => e.eip_id).join(', ') })}
                run={() => call('iaas', 'ReleaseEips', { eips: selected.map((e) => e.eip_id) })}
                onDone={reloadList}
              />
            </>
          )
        }}
      />
      {dialog?.kind === 'allocate' && <AllocateDialog onClose={close} onDone={reload} />}
      {dialog?.kind === 'associate' && <AssociateDialog eip={dialog.eip} onClose={close} onDone={reload} />}
      {dialog?.kind === 'bandwidth' && <BandwidthDialog eips={dialog.eips} onClose={close} onDone={reload} />}
      {dialog?.kind === 'modify' && <ModifyDialog eip={dialog.eip} onClose={close} onDone={reload} />}
    </section>
  )
}

function AllocateDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [name, setName] = useState('')
  const [bandwidth, setBandwidth] = useState('1')
  const [billing, setBilling] = useState('bandwidth')
  const [count, setCount] = useState('1')
  return (
    <FormDialog
      title={t('eips.allocateTitle')}
      submitLabel={t('eips.allocateSubmit')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ eips: string[]; job_id?: string }>('iaas', 'AllocateEips', { eip_name: optional(name), bandwidth: bandwidth.trim(), billing_mode: billing, count: optional(count) })
        if (reply.job_id) track(reply.job_id, onDone)
        onDone()
      }}
    >
      <TextField label={t('eips.name')} value={name} onChange={setName} />
      <TextField label={t('eips.bandwidthField')} type="number" value={bandwidth} onChange={setBandwidth} required hint={t('eips.bandwidthHint')} />
      <SelectField
        label={t('eips.billingMode')}
        value={billing}
        onChange={setBilling}
        options={[
          { value: 'bandwidth', label: t('eips.billingBandwidth') },
          { value: 'traffic', label: t('eips.billingTraffic') },
        ]}
      />
      <TextField label={t('eips.count')} type="number" value={count} onChange={setCount} />
    </FormDialog>
  )
}

function AssociateDialog({ eip, onClose, onDone }: { eip: Eip; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [instance, setInstance] = useState('')
  return (
    <FormDialog
      title={t('eips.associateTitle', { id: eip.eip_id, addr: eip.eip_addr })}
      submitLabel={t('eips.associate')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ job_id: string }>('iaas', 'AssociateEip', { eip: eip.eip_id, instance })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <InstanceSelect label={t('eips.instance')} value={instance} onChange={setInstance} statuses={['running', 'stopped']} hint={t('eips.instanceHint')} />
    </FormDialog>
  )
}

function BandwidthDialog({ eips, onClose, onDone }: { eips: Eip[]; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [bandwidth, setBandwidth] = useState(String(eips[0]?.bandwidth ?? 1))
  return (
    <FormDialog
      title={t('eips.changeBandwidthTitle', { ids: eips.map((e) => e.eip_id).join(', ') })}
      submitLabel={t('common.save')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ job_id: string }>('iaas', 'ChangeEipsBandwidth', { eips: eips.map((e) => e.eip_id), bandwidth: bandwidth.trim() })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <TextField label={t('eips.bandwidthField')} type="number" value={bandwidth} onChange={setBandwidth} required hint={t('eips.bandwidthHint')} />
    </FormDialog>
  )
}

function ModifyDialog({ eip, onClose, onDone }: { eip: Eip; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(eip.eip_name)
  const [description, setDescription] = useState(eip.description)
  return (
    <FormDialog
      title={t('eips.modifyTitle', { id: eip.eip_id })}
      submitLabel={t('common.save')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'ModifyEipAttributes', { eip: eip.eip_id, eip_name: name, description })
        onDone()
      }}
    >
      <TextField label={t('eips.name')} value={name} onChange={setName} />
      <TextField label={t('eips.description')} value={description} onChange={setDescription} multiline />
    </FormDialog>
  )
}

export function EipPage() {
  const t = useT()
  const { id = '' } = useParams<{ id: string }>()
  const { item: eip, error, reload } = useResource(() => call<DescribeReply<'eip_set', Eip>>('iaas', 'DescribeEips', { eips: [id], verbose: 1 }).then((r) => r.eip_set[0]), [id])
  return (
    <section>
      <p>
        <Link href="/eips">{t('eips.back')}</Link>
      </p>
      <h1>{t('eips.detailTitle', { id })}</h1>
      <ErrorNotice error={error} />
      {eip === null && <p>{t('eips.notFound')}</p>}
      {eip && (
        <>
          <div className="toolbar">
            <button type="button" onClick={reload}>
              {t('common.refresh')}
            </button>
          </div>
          <Properties
            label={t('eips.properties')}
            rows={[
              [t('eips.id'), <code key="id">{eip.eip_id}</code>],
              [t('eips.name'), eip.eip_name || t('common.none')],
              [t('eips.address'), <code key="addr">{eip.eip_addr}</code>],
              [t('eips.status'), <StatusBadge key="status" status={eip.status} transition={eip.transition_status} />],
              [t('eips.bandwidth'), t('eips.mbps', { n: eip.bandwidth })],
              [t('eips.billingMode'), billingText(t, eip.billing_mode)],
              [t('eips.resource'), holderText(t, eip)],
              [t('eips.description'), eip.description || t('common.none')],
              [t('eips.created'), formatTime(t, eip.create_time)],
            ]}
          />
          <TrafficChart eipId={eip.eip_id} />
        </>
      )}
    </section>
  )
}

const RANGES: Array<{ key: 'eips.range6h' | 'eips.range1d' | 'eips.range2w' | 'eips.range1m'; hours: number; step: string }> = [
  { key: 'eips.range6h', hours: 6, step: '5m' },
  { key: 'eips.range1d', hours: 24, step: '15m' },
  { key: 'eips.range2w', hours: 24 * 14, step: '2h' },
  { key: 'eips.range1m', hours: 24 * 30, step: '1d' },
]

/** The EIP's traffic (Bps in and out) over a chosen range; 1101 (no GetMonitor on this server) → a notice. */
function TrafficChart({ eipId }: { eipId: string }) {
  const t = useT()
  const [range, setRange] = useState(0)
  const [series, setSeries] = useState<Series[] | null>(null)
  const [unavailable, setUnavailable] = useState(false)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    let live = true
    const { hours, step } = RANGES[range] ?? { hours: 6, step: '5m' }
    const end = Date.now()
    const start = end - hours * 3600_000
    setSeries(null)
    setError(null)
    call<{ meter_set: MonitorMeter[] }>('iaas', 'GetMonitor', { resource: eipId, meters: ['traffic'], step, start_time: utc(start), end_time: utc(end) })
      .then((reply) => {
        if (!live) return
        const meter = reply.meter_set.find((m) => m.meter_id === 'traffic')
        const points = decodeSeries(meter?.data ?? [], stepSeconds(step), start)
        setSeries(
          points.some((p) => p.v !== null)
            ? [
                { label: t('eips.trafficIn'), points: padWindow(component(points, 0), start, end) },
                { label: t('eips.trafficOut'), points: padWindow(component(points, 1), start, end) },
              ]
            : [],
        )
      })
      .catch((failure: unknown) => {
        if (!live) return
        if (failure instanceof ApiFailure && failure.code === 1101) setUnavailable(true)
        else setError(failure)
      })
    return () => {
      live = false
    }
  }, [eipId, range, t])
  return (
    <section aria-labelledby="eip-traffic">
      <h2 id="eip-traffic">{t('eips.traffic')}</h2>
      {unavailable ? (
        <p className="muted">{t('eips.monitorUnavailable')}</p>
      ) : (
        <>
          <SelectField label={t('eips.range')} value={String(range)} onChange={(v) => setRange(Number(v))} options={RANGES.map((r, i) => ({ value: String(i), label: t(r.key) }))} />
          <ErrorNotice error={error} />
          {series === null && !error && <p>{t('common.loading')}</p>}
          {series !== null && series.length === 0 && <p className="muted">{t('eips.noTraffic')}</p>}
          {series !== null && series.length > 0 && <Chart label={t('eips.trafficChart', { id: eipId })} series={series} unit=" B/s" />}
        </>
      )}
    </section>
  )
}
