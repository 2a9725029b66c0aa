// One instance (`/instances/:id`): its attributes, the lifecycle actions, its volumes (attach,
// detach), networks, EIP, key pairs, security group and tags, capture to an image, a snapshot, and
// a cpu/memory chart from GetMonitor. The page re-reads itself while the instance is in transition.
// The chart shows an empty state when GetMonitor has no data or is not offered (1101).
import { useCallback, useEffect, useMemo, useState } from 'react'
import { Link, useParams } from 'wouter'
import { ApiFailure, call, optional } from '../../api/client.ts'
import { instanceUsage, type Point, type Step } from '../../api/monitor.ts'
import type { DescribeReply, InstanceVerbose, Volume } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { DataTable } from '../../components/DataTable.tsx'
import { Chart } from '../../components/Chart.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { useJobs } from '../../components/JobProgress.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { useT } from '../../i18n/index.ts'
import './compute.css'
import { ModifyInstanceDialog, ResetDialog, ResizeDialog, volumeTypeLabel } from './instances.tsx'

const REFRESH_MS = 2000

type Dialog = 'modify' | 'resize' | 'reset' | 'capture' | 'snapshot' | 'attach' | null

export function InstanceDetailPage() {
  const t = useT()
  const { id = '' } = useParams<{ id: string }>()
  const [instance, setInstance] = useState<InstanceVerbose | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [dialog, setDialog] = useState<Dialog>(null)
  const [tick, setTick] = useState(0)
  const reload = useCallback(() => setTick((n) => n + 1), [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick is the trigger to re-read
  useEffect(() => {
    let stale = false
    call<DescribeReply<'instance_set', InstanceVerbose>>('iaas', 'DescribeInstances', { instances: [id], verbose: 1 })
      .then((r) => {
        if (stale) return
        const found = r.instance_set[0]
        if (found) {
          setInstance(found)
          setError(null)
        } else setError(new ApiFailure(2100, `resource [${id}] not found`))
      })
      .catch((failure) => !stale && setError(failure))
    return () => {
      stale = true
    }
  }, [id, tick])

  const busy = instance !== null && instance.transition_status !== ''
  useEffect(() => {
    if (!busy) return
    const timer = window.setTimeout(reload, REFRESH_MS)
    return () => window.clearTimeout(timer)
  }, [busy, reload])

  if (!instance) {
    return (
      <section>
        <h1>{t('instances.detailTitle', { id })}</h1>
        <p>
          <Link href="/instances">{t('instances.backToList')}</Link>
        </p>
        {error ? <ErrorNotice error={error} /> : <p>{t('common.loading')}</p>}
      </section>
    )
  }

  const i = instance
  const idle = i.transition_status === ''
  const gone = i.status === 'terminated' || i.status === 'ceased'
  const when = (s: string) => new Date(s).toLocaleString(t.lang === 'zh' ? 'zh-CN' : 'en')
  const instances = [i.instance_id]
  return (
    <section>
      <p>
        <Link href="/instances">{t('instances.backToList')}</Link>
      </p>
      <h1>
        {t('instances.detailTitle', { id: i.instance_name || i.instance_id })} <StatusBadge status={i.status} transition={i.transition_status} />
      </h1>
      <ErrorNotice error={error} />
      <div className="toolbar">
        <ActionButton label={t('instances.start')} disabled={!idle || i.status !== 'stopped'} run={() => call('iaas', 'StartInstances', { instances })} onDone={reload} />
        <ActionButton label={t('instances.stop')} disabled={!idle || i.status !== 'running'} confirm={t('instances.confirmStop', { ids: i.instance_id })} run={() => call('iaas', 'StopInstances', { instances })} onDone={reload} />
        <ActionButton label={t('instances.restart')} disabled={!idle || i.status !== 'running'} confirm={t('instances.confirmRestart', { ids: i.instance_id })} run={() => call('iaas', 'RestartInstances', { instances })} onDone={reload} />
        <button type="button" disabled={!idle || gone} onClick={() => setDialog('reset')}>
          {t('instances.reset')}
        </button>
        <button type="button" disabled={!idle || i.status !== 'stopped'} onClick={() => setDialog('resize')}>
          {t('instances.resize')}
        </button>
        <button type="button" disabled={gone} onClick={() => setDialog('modify')}>
          {t('common.modify')}
        </button>
        <button type="button" disabled={!idle || gone} onClick={() => setDialog('capture')}>
          {t('instances.capture')}
        </button>
        <button type="button" disabled={!idle || gone} onClick={() => setDialog('snapshot')}>
          {t('instances.snapshot')}
        </button>
        <ActionButton label={t('instances.terminate')} danger disabled={!idle || gone} confirm={t('instances.confirmTerminate', { ids: i.instance_id })} run={() => call('iaas', 'TerminateInstances', { instances })} onDone={reload} />
      </div>

      <dl className="details">
        <dt>{t('instances.id')}</dt>
        <dd>
          <code>{i.instance_id}</code>
        </dd>
        <dt>{t('instances.name')}</dt>
        <dd>{i.instance_name || t('common.none')}</dd>
        <dt>{t('instances.description')}</dt>
        <dd>{i.description || t('common.none')}</dd>
        <dt>{t('instances.type')}</dt>
        <dd>{`${i.instance_type} · ${i.vcpus_current} vCPU / ${i.memory_current / 1024} GB`}</dd>
        <dt>{t('instances.image')}</dt>
        <dd>{i.image?.image_name ? `${i.image.image_name} (${i.image.image_id})` : (i.image?.image_id ?? t('common.none'))}</dd>
        <dt>{t('instances.hostname')}</dt>
        <dd>{i.hostname || t('common.none')}</dd>
        <dt>{t('instances.securityGroup')}</dt>
        <dd>{i.security_group?.security_group_id ? `${i.security_group.security_group_name || ''} (${i.security_group.security_group_id})` : t('common.none')}</dd>
        <dt>{t('instances.keypairs')}</dt>
        <dd>{i.keypair_ids?.length ? i.keypair_ids.join(', ') : t('common.none')}</dd>
        <dt>{t('instances.eip')}</dt>
        <dd>{i.eip?.eip_id ? `${i.eip.eip_addr} (${i.eip.eip_id}, ${i.eip.bandwidth ?? 0} Mbps)` : t('common.none')}</dd>
        <dt>{t('instances.tags')}</dt>
        <dd>{i.tags.length ? i.tags.map((tag) => tag.tag_name).join(', ') : t('common.none')}</dd>
        <dt>{t('instances.created')}</dt>
        <dd>{when(i.create_time)}</dd>
      </dl>

      <h2>{t('instances.networks')}</h2>
      <DataTable
        label={t('instances.networks')}
        columns={[
          { header: t('instances.vxnet'), cell: (n) => (n.vxnet_name ? `${n.vxnet_name} (${n.vxnet_id})` : n.vxnet_id) },
          { header: t('instances.nic'), cell: (n) => <code>{n.nic_id || t('common.none')}</code> },
          { header: t('instances.ip'), cell: (n) => n.private_ip || t('common.none') },
        ]}
        rows={i.vxnets}
        rowKey={(n) => `${n.vxnet_id}-${n.nic_id ?? ''}`}
        empty={t('common.noItems')}
      />

      <h2>{t('instances.volumes')}</h2>
      <div className="toolbar">
        <button type="button" disabled={!idle || !(i.status === 'running' || i.status === 'stopped')} onClick={() => setDialog('attach')}>
          {t('instances.attachVolume')}
        </button>
      </div>
      <DataTable
        label={t('instances.volumes')}
        columns={[
          { header: t('volumes.id'), cell: (v) => <code>{v.volume_id}</code> },
          { header: t('volumes.name'), cell: (v) => v.volume_name || t('common.none') },
          { header: t('volumes.device'), cell: (v) => v.device || t('common.none') },
          { header: t('volumes.size'), cell: (v) => `${v.size} GB` },
          { header: t('volumes.type'), cell: (v) => volumeTypeLabel(t, v.volume_type) },
          {
            header: t('instances.actions'),
            cell: (v) => (
              <ActionButton
                label={t('volumes.detach')}
                confirm={t('volumes.confirmDetach', { ids: v.volume_id, instance: i.instance_id })}
                run={() => call('iaas', 'DetachVolumes', { volumes: [v.volume_id], instance: i.instance_id })}
                onDone={reload}
              />
            ),
          },
        ]}
        rows={i.volumes ?? []}
        rowKey={(v) => v.volume_id}
        empty={t('common.noItems')}
      />

      <h2>{t('instances.monitoring')}</h2>
      <UsageChart instanceId={i.instance_id} />

      {dialog === 'modify' && <ModifyInstanceDialog instance={i} onClose={() => setDialog(null)} onDone={reload} />}
      {dialog === 'resize' && <ResizeDialog instances={[i]} onClose={() => setDialog(null)} onDone={reload} />}
      {dialog === 'reset' && <ResetDialog instances={[i]} onClose={() => setDialog(null)} onDone={reload} />}
      {dialog === 'capture' && <CaptureDialog instanceId={i.instance_id} onClose={() => setDialog(null)} onDone={reload} />}
      {dialog === 'snapshot' && <SnapshotDialog resource={i.instance_id} onClose={() => setDialog(null)} onDone={reload} />}
      {dialog === 'attach' && <AttachVolumeDialog instanceId={i.instance_id} onClose={() => setDialog(null)} onDone={reload} />}
    </section>
  )
}

const STEPS: Array<{ step: Step; hours: number }> = [
  { step: '5m', hours: 6 },
  { step: '15m', hours: 24 },
  { step: '2h', hours: 24 * 7 },
  { step: '1d', hours: 24 * 30 },
]

function UsageChart({ instanceId }: { instanceId: string }) {
  const t = useT()
  const [range, setRange] = useState('0')
  const [data, setData] = useState<Record<string, Point[]> | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [unavailable, setUnavailable] = useState(false)
  useEffect(() => {
    const chosen = STEPS[Number(range)] ?? STEPS[0]!
    let stale = false
    setData(null)
    setError(null)
    setUnavailable(false)
    instanceUsage(instanceId, chosen.hours, chosen.step)
      .then((d) => !stale && setData(d))
      .catch((failure) => {
        if (stale) return
        // 1101: the server does not offer GetMonitor — an empty state, not an error
        if (failure instanceof ApiFailure && failure.code === 1101) setUnavailable(true)
        else setError(failure)
      })
    return () => {
      stale = true
    }
  }, [instanceId, range])
  const series = useMemo(
    () =>
      data
        ? Object.entries(data)
            .filter(([, points]) => points.some((p) => p.v !== null))
            .map(([meter, points]) => ({ label: meter === 'cpu' ? t('instances.meterCpu') : meter === 'memory' ? t('instances.meterMemory') : meter, points }))
        : [],
    [data, t],
  )
  return (
    <div>
      <SelectField
        label={t('instances.monitorRange')}
        value={range}
        onChange={setRange}
        options={STEPS.map((s, n) => ({ value: String(n), label: t('instances.monitorRangeOption', { hours: s.hours >= 48 ? `${s.hours / 24} d` : `${s.hours} h`, step: s.step }) }))}
      />
      <ErrorNotice error={error} />
      {unavailable || (data !== null && series.length === 0) ? (
        <p className="muted">{t('instances.noMonitorData')}</p>
      ) : data === null ? (
        !error && <p>{t('common.loading')}</p>
      ) : (
        <Chart label={t('instances.monitorChart')} series={series} unit="%" />
      )}
    </div>
  )
}

function CaptureDialog({ instanceId, onClose, onDone }: { instanceId: string; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [name, setName] = useState('')
  return (
    <FormDialog
      title={t('instances.captureTitle', { id: instanceId })}
      submitLabel={t('instances.capture')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ job_id: string; image_id: string }>('iaas', 'CaptureInstance', { instance: instanceId, image_name: optional(name) })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <p className="field-hint">{t('instances.captureHint')}</p>
      <TextField label={t('images.name')} value={name} onChange={setName} />
    </FormDialog>
  )
}

/** CreateSnapshots of one instance or volume (used from the instance page and the volumes page). */
export function SnapshotDialog({ resource, onClose, onDone }: { resource: string; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [name, setName] = useState('')
  const [full, setFull] = useState('0')
  return (
    <FormDialog
      title={t('snapshots.createTitle', { id: resource })}
      submitLabel={t('snapshots.create')}
      onClose={onClose}
      onSubmit={async () => {
        // CreateSnapshots answers its job id in a list, as QingCloud does
        const reply = await call<{ job_id: string | string[]; snapshots: string[] }>('iaas', 'CreateSnapshots', { resources: [resource], snapshot_name: optional(name), is_full: full === '1' ? 1 : undefined })
        const jobId = Array.isArray(reply.job_id) ? reply.job_id[0] : reply.job_id
        if (jobId) track(jobId, onDone)
        onDone()
      }}
    >
      <TextField label={t('snapshots.name')} value={name} onChange={setName} />
      <SelectField
        label={t('snapshots.kind')}
        value={full}
        onChange={setFull}
        options={[
          { value: '0', label: t('snapshots.incremental') },
          { value: '1', label: t('snapshots.full') },
        ]}
      />
    </FormDialog>
  )
}

function AttachVolumeDialog({ instanceId, onClose, onDone }: { instanceId: string; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [volumes, setVolumes] = useState<Volume[] | null>(null)
  const [volume, setVolume] = useState('')
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    call<DescribeReply<'volume_set', Volume>>('iaas', 'DescribeVolumes', { status: ['available'], limit: 100 })
      .then((r) => {
        setVolumes(r.volume_set)
        setVolume(r.volume_set[0]?.volume_id ?? '')
      })
      .catch(setError)
  }, [])
  return (
    <FormDialog
      title={t('instances.attachVolume')}
      submitLabel={t('volumes.attach')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ job_id: string }>('iaas', 'AttachVolumes', { volumes: [volume], instance: instanceId })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <ErrorNotice error={error} />
      {volumes === null ? (
        !error && <p>{t('common.loading')}</p>
      ) : volumes.length === 0 ? (
        <p>{t('volumes.noneAvailable')}</p>
      ) : (
        <SelectField label={t('volumes.volume')} value={volume} onChange={setVolume} options={volumes.map((v) => ({ value: v.volume_id, label: `${v.volume_name ? `${v.volume_name} (${v.volume_id})` : v.volume_id} · ${v.size} GB` }))} />
      )}
    </FormDialog>
  )
}
