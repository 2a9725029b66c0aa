// Snapshots: the list (status filter, search, paging), modify, delete (a snapshot takes the later
// points of its chain with it), apply (roll the resource back to it) and make a volume from a
// volume's snapshot. Snapshots are taken from the volumes page and the instance page.
import { useState } from 'react'
import { Link } from 'wouter'
import { call, optional } from '../../api/client.ts'
import type { DescribeReply, Snapshot } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { FormDialog, TextField } from '../../components/FormDialog.tsx'
import { useJobs } from '../../components/JobProgress.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { useT } from '../../i18n/index.ts'

const fetchSnapshots = (q: ListQuery) => call<DescribeReply<'snapshot_set', Snapshot>>('iaas', 'DescribeSnapshots', { ...q, verbose: 1 }).then((r) => ({ items: r.snapshot_set, total: r.total_count }))

type Dialog = { kind: 'modify' | 'toVolume'; snapshot: Snapshot }

export function SnapshotsPage() {
  const t = useT()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = () => setReloadKey((n) => n + 1)
  const close = () => setDialog(null)
  const ids = (list: Snapshot[]) => list.map((s) => s.snapshot_id)

  const columns: Column<Snapshot>[] = [
    { label: t('snapshots.id'), render: (s) => <code>{s.snapshot_id}</code> },
    { label: t('snapshots.name'), render: (s) => s.snapshot_name || t('common.none') },
    { label: t('snapshots.status'), render: (s) => <StatusBadge status={s.status} transition={s.transition_status} /> },
    { label: t('snapshots.kind'), render: (s) => (s.snapshot_type === 1 ? t('snapshots.full') : t('snapshots.incremental')) },
    {
      label: t('snapshots.resource'),
      render: (s) =>
        s.resource.resource_type === 'instance' ? <Link href={`/instances/${s.resource.resource_id}`}>{s.resource.resource_id}</Link> : `${s.resource.resource_id}${s.resource.resource_name ? ` (${s.resource.resource_name})` : ''}`,
    },
    { label: t('snapshots.size'), render: (s) => `${s.size} MB` },
    { label: t('snapshots.taken'), render: (s) => new Date(s.snapshot_time || s.create_time).toLocaleString(t.lang === 'zh' ? 'zh-CN' : 'en') },
  ]

  return (
    <section>
      <h1>{t('snapshots.title')}</h1>
      <p className="field-hint">{t('snapshots.takeHint')}</p>
      <ResourceList
        label={t('snapshots.title')}
        fetch={fetchSnapshots}
        rowId={(s) => s.snapshot_id}
        columns={columns}
        statuses={['pending', 'available', 'suspended', 'deleted', 'ceased']}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => {
          const usable = selected.length > 0 && selected.every((s) => s.status === 'available' && s.transition_status === '')
          const one = selected.length === 1 ? selected[0] : undefined
          return (
            <>
              <ActionButton
                label={t('snapshots.apply')}
                disabled={!usable}
                confirm={t('snapshots.confirmApply', { ids: ids(selected).join(', ') })}
                run={() => call('iaas', 'ApplySnapshots', { snapshots: ids(selected) })}
                onDone={reloadList}
              />
              <button type="button" disabled={!one || !usable || one.resource.resource_type !== 'volume'} onClick={() => one && setDialog({ kind: 'toVolume', snapshot: one })}>
                {t('snapshots.toVolume')}
              </button>
              <button type="button" disabled={!one} onClick={() => one && setDialog({ kind: 'modify', snapshot: one })}>
                {t('common.modify')}
              </button>
              <ActionButton
                label={t('common.delete')}
                danger
                disabled={selected.length === 0}
                confirm={t('snapshots.confirmDelete', { ids: ids(selected).join(', ') })}
                run={() => call('iaas', 'DeleteSnapshots', { snapshots: ids(selected) })}
                onDone={reloadList}
              />
            </>
          )
        }}
      />
      {dialog?.kind === 'modify' && <ModifySnapshotDialog snapshot={dialog.snapshot} onClose={close} onDone={reload} />}
      {dialog?.kind === 'toVolume' && <VolumeFromSnapshotDialog snapshot={dialog.snapshot} onClose={close} onDone={reload} />}
    </section>
  )
}

function ModifySnapshotDialog({ snapshot, onClose, onDone }: { snapshot: Snapshot; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(snapshot.snapshot_name)
  const [description, setDescription] = useState(snapshot.description ?? '')
  return (
    <FormDialog
      title={t('snapshots.modifyTitle', { id: snapshot.snapshot_id })}
      submitLabel={t('common.save')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'ModifySnapshotAttributes', { snapshot: snapshot.snapshot_id, snapshot_name: name, description })
        onDone()
      }}
    >
      <TextField label={t('snapshots.name')} value={name} onChange={setName} />
      <TextField label={t('snapshots.description')} value={description} onChange={setDescription} multiline />
    </FormDialog>
  )
}

function VolumeFromSnapshotDialog({ snapshot, onClose, onDone }: { snapshot: Snapshot; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [name, setName] = useState('')
  return (
    <FormDialog
      title={t('snapshots.toVolumeTitle', { id: snapshot.snapshot_id })}
      submitLabel={t('snapshots.toVolume')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ job_id: string; volume_id: string }>('iaas', 'CreateVolumeFromSnapshot', { snapshot: snapshot.snapshot_id, volume_name: optional(name) })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <TextField label={t('snapshots.volumeName')} value={name} onChange={setName} />
    </FormDialog>
  )
}
