// Volumes: the list (status filter, search, paging, re-read while in transition), create, attach to
// and detach from an instance, resize (only grows, only while available), modify, snapshot, delete.
import { useEffect, useState } from 'react'
import { Link } from 'wouter'
import { call, optional } from '../../api/client.ts'
import type { DescribeReply, Instance, Volume } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { useJobs } from '../../components/JobProgress.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { useT } from '../../i18n/index.ts'
import { SnapshotDialog } from '../compute/instance-detail.tsx'
import { VOLUME_TYPE_IDS, volumeTypeLabel } from '../compute/instances.tsx'

const fetchVolumes = (q: ListQuery) => call<DescribeReply<'volume_set', Volume>>('iaas', 'DescribeVolumes', { ...q, verbose: 1 }).then((r) => ({ items: r.volume_set, total: r.total_count }))

type Dialog = { kind: 'create' } | { kind: 'modify'; volume: Volume } | { kind: 'attach' | 'resize'; volumes: Volume[] } | { kind: 'snapshot'; volume: Volume }

export function VolumesPage() {
  const t = useT()
  const { track } = useJobs()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = () => setReloadKey((n) => n + 1)
  const close = () => setDialog(null)

  const columns: Column<Volume>[] = [
    { label: t('volumes.id'), render: (v) => <code>{v.volume_id}</code> },
    { label: t('volumes.name'), render: (v) => v.volume_name || t('common.none') },
    { label: t('volumes.status'), render: (v) => <StatusBadge status={v.status} transition={v.transition_status} /> },
    { label: t('volumes.size'), render: (v) => `${v.size} GB` },
    { label: t('volumes.type'), render: (v) => volumeTypeLabel(t, v.volume_type) },
    {
      label: t('volumes.instance'),
      render: (v) =>
        v.instance?.instance_id ? (
          <Link href={`/instances/${v.instance.instance_id}`}>
            {v.instance.instance_id}
            {v.instance.device ? ` (${v.instance.device})` : ''}
          </Link>
        ) : (
          t('common.none')
        ),
    },
    { label: t('volumes.created'), render: (v) => new Date(v.create_time).toLocaleString(t.lang === 'zh' ? 'zh-CN' : 'en') },
  ]

  return (
    <section>
      <h1>{t('volumes.title')}</h1>
      <ResourceList
        label={t('volumes.title')}
        fetch={fetchVolumes}
        rowId={(v) => v.volume_id}
        columns={columns}
        statuses={['pending', 'available', 'in-use', 'suspended', 'deleted', 'ceased']}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => {
          const all = (status: string) => selected.length > 0 && selected.every((v) => v.status === status && v.transition_status === '')
          const attachedTo = [...new Set(selected.map((v) => v.instance?.instance_id ?? ''))]
          return (
            <>
              <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
                {t('volumes.create')}
              </button>
              <button type="button" disabled={!all('available')} onClick={() => setDialog({ kind: 'attach', volumes: selected })}>
                {t('volumes.attach')}
              </button>
              <ActionButton
                label={t('volumes.detach')}
                disabled={!all('in-use') || attachedTo.length !== 1}
                confirm={t('volumes.confirmDetach', { ids: selected.map((v) => v.volume_id).join(', '), instance: attachedTo[0] ?? '' })}
                run={() => call('iaas', 'DetachVolumes', { volumes: selected.map((v) => v.volume_id), instance: attachedTo[0] })}
                onDone={reloadList}
              />
              <button type="button" disabled={!all('available')} onClick={() => setDialog({ kind: 'resize', volumes: selected })}>
                {t('volumes.resize')}
              </button>
              <button type="button" disabled={selected.length !== 1} onClick={() => selected[0] && setDialog({ kind: 'modify', volume: selected[0] })}>
                {t('common.modify')}
              </button>
              <button type="button" disabled={selected.length !== 1 || selected[0]?.transition_status !== ''} onClick={() => selected[0] && setDialog({ kind: 'snapshot', volume: selected[0] })}>
                {t('instances.snapshot')}
              </button>
              <ActionButton
                label={t('common.delete')}
                danger
                disabled={selected.length === 0}
                confirm={t('volumes.confirmDelete', { ids: selected.map((v) => v.volume_id).join(', ') })}
                run={() => call('iaas', 'DeleteVolumes', { volumes: selected.map((v) => v.volume_id) })}
                onDone={reloadList}
              />
            </>
          )
        }}
      />
      {dialog?.kind === 'create' && <CreateVolumeDialog onClose={close} onDone={reload} track={track} />}
      {dialog?.kind === 'modify' && <ModifyVolumeDialog volume={dialog.volume} onClose={close} onDone={reload} />}
      {dialog?.kind === 'attach' && <AttachDialog volumes={dialog.volumes} onClose={close} onDone={reload} />}
      {dialog?.kind === 'resize' && <ResizeVolumesDialog volumes={dialog.volumes} onClose={close} onDone={reload} />}
      {dialog?.kind === 'snapshot' && <SnapshotDialog resource={dialog.volume.volume_id} onClose={close} onDone={reload} />}
    </section>
  )
}

function CreateVolumeDialog({ onClose, onDone, track }: { onClose: () => void; onDone: () => void; track: (jobId: string, onDone?: () => void) => void }) {
  const t = useT()
  const [name, setName] = useState('')
  const [size, setSize] = useState('20')
  const [type, setType] = useState('0')
  const [count, setCount] = useState('1')
  return (
    <FormDialog
      title={t('volumes.create')}
      submitLabel={t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ job_id: string; volumes: string[] }>('iaas', 'CreateVolumes', { size: Number(size), volume_type: Number(type), count: Number(count), volume_name: optional(name) })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <TextField label={t('volumes.name')} value={name} onChange={setName} />
      <TextField label={t('volumes.sizeGb')} type="number" value={size} onChange={setSize} required hint={t('volumes.sizeHint')} />
      <SelectField label={t('volumes.type')} value={type} onChange={setType} options={VOLUME_TYPE_IDS.map((v) => ({ value: String(v), label: volumeTypeLabel(t, v) }))} />
      <TextField label={t('volumes.count')} type="number" value={count} onChange={setCount} required />
    </FormDialog>
  )
}

function ModifyVolumeDialog({ volume, onClose, onDone }: { volume: Volume; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(volume.volume_name)
  const [description, setDescription] = useState(volume.description ?? '')
  return (
    <FormDialog
      title={t('volumes.modifyTitle', { id: volume.volume_id })}
      submitLabel={t('common.save')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'ModifyVolumeAttributes', { volume: volume.volume_id, volume_name: name, description })
        onDone()
      }}
    >
      <TextField label={t('volumes.name')} value={name} onChange={setName} />
      <TextField label={t('volumes.description')} value={description} onChange={setDescription} multiline />
    </FormDialog>
  )
}

function AttachDialog({ volumes, onClose, onDone }: { volumes: Volume[]; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [instances, setInstances] = useState<Instance[] | null>(null)
  const [instance, setInstance] = useState('')
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    call<DescribeReply<'instance_set', Instance>>('iaas', 'DescribeInstances', { status: ['running', 'stopped'], limit: 100 })
      .then((r) => {
        setInstances(r.instance_set)
        setInstance(r.instance_set[0]?.instance_id ?? '')
      })
      .catch(setError)
  }, [])
  return (
    <FormDialog
      title={t('volumes.attachTitle')}
      submitLabel={t('volumes.attach')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ job_id: string }>('iaas', 'AttachVolumes', { volumes: volumes.map((v) => v.volume_id), instance })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <p>{volumes.map((v) => v.volume_id).join(', ')}</p>
      <ErrorNotice error={error} />
      {instances === null ? (
        !error && <p>{t('common.loading')}</p>
      ) : instances.length === 0 ? (
        <p>{t('volumes.noInstances')}</p>
      ) : (
        <SelectField label={t('volumes.instance')} value={instance} onChange={setInstance} options={instances.map((i) => ({ value: i.instance_id, label: i.instance_name ? `${i.instance_name} (${i.instance_id})` : i.instance_id }))} />
      )}
    </FormDialog>
  )
}

function ResizeVolumesDialog({ volumes, onClose, onDone }: { volumes: Volume[]; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [size, setSize] = useState(String(Math.max(...volumes.map((v) => v.size)) + 10))
  return (
    <FormDialog
      title={t('volumes.resizeTitle')}
      submitLabel={t('volumes.resize')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ job_id: string }>('iaas', 'ResizeVolumes', { volumes: volumes.map((v) => v.volume_id), size: Number(size) })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <p>{volumes.map((v) => `${v.volume_id} (${v.size} GB)`).join(', ')}</p>
      <TextField label={t('volumes.newSize')} type="number" value={size} onChange={setSize} required hint={t('volumes.resizeHint')} />
    </FormDialog>
  )
}
