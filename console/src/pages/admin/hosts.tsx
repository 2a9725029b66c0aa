// Administration → Hosts: hypervisor hosts of every zone with their placement — CPU and memory
// used of each host's capacity and the instances it carries (DescribeHosts; the search box takes a
// host id, the filter a status). AddHosts adds hosts to the current zone (the license bounds how
// many); DrainHosts stops new placements, ActivateHosts undoes it, RemoveHosts deletes hosts that
// carry no instance (asks first).
import { useState } from 'react'
import { call } from '../../api/client.ts'
import { useSession } from '../../api/session.tsx'
import type { DescribeReply, Host } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { FormDialog, TextField } from '../../components/FormDialog.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { useT } from '../../i18n/index.ts'
import { when } from '../money/format.tsx'

const fetchHosts = (q: ListQuery) =>
  call<DescribeReply<'host_set', Host>>('admin', 'DescribeHosts', { offset: q.offset, limit: q.limit, status: q.status, hosts: q.search_word ? [q.search_word] : undefined }).then((r) => ({
    items: r.host_set,
    total: r.total_count,
  }))

function Used({ used, total, label }: { used: number; total: number; label: string }) {
  return (
    <>
      <progress max={Math.max(total, 1)} value={used} aria-label={label} /> <span>{label}</span>
    </>
  )
}

export function HostsPage() {
  const t = useT()
  const [adding, setAdding] = useState(false)
  const [reloadKey, setReloadKey] = useState(0)
  const columns: Column<Host>[] = [
    { label: t('admin.hostId'), render: (h) => <code>{h.host_id}</code> },
    { label: t('admin.zone'), render: (h) => h.zone_id },
    // 'draining' is a host's own state: named here, amber like every state in between
    { label: t('admin.status'), render: (h) => (h.status === 'draining' ? <span className="badge badge-amber">{t('admin.draining')}</span> : <StatusBadge status={h.status} />) },
    { label: t('admin.cpu'), render: (h) => <Used used={h.cpu_used} total={h.cpu_total} label={t('admin.cpuUsed', { used: h.cpu_used, total: h.cpu_total })} /> },
    {
      label: t('admin.memory'),
      render: (h) => <Used used={h.memory_used} total={h.memory_total} label={t('admin.memoryUsed', { used: Math.round(h.memory_used / 1024), total: Math.round(h.memory_total / 1024) })} />,
    },
    { label: t('admin.instances'), render: (h) => h.instance_count },
    { label: t('admin.created'), render: (h) => when(t, h.create_time) },
  ]
  const ids = (hosts: Host[]) => hosts.map((h) => h.host_id)
  return (
    <section>
      <h1>{t('admin.hosts')}</h1>
      <ResourceList
        label={t('admin.hosts')}
        fetch={fetchHosts}
        rowId={(h) => h.host_id}
        columns={columns}
        statuses={['active', 'draining']}
        reloadKey={reloadKey}
        toolbar={({ selected, reload }) => (
          <>
            <button type="button" className="primary" onClick={() => setAdding(true)}>
              {t('admin.addHosts')}
            </button>
            <ActionButton label={t('admin.drain')} disabled={!selected.some((h) => h.status === 'active')} run={() => call('admin', 'DrainHosts', { hosts: ids(selected) })} onDone={reload} />
            <ActionButton label={t('admin.activate')} disabled={!selected.some((h) => h.status === 'draining')} run={() => call('admin', 'ActivateHosts', { hosts: ids(selected) })} onDone={reload} />
            <ActionButton
              label={t('admin.removeHosts')}
              danger
              disabled={selected.length === 0}
              confirm={t('admin.confirmRemoveHosts', { ids: ids(selected).join(', ') })}
              run={() => call('admin', 'RemoveHosts', { hosts: ids(selected) })}
              onDone={reload}
            />
          </>
        )}
      />
      {adding && <AddHostsDialog onClose={() => setAdding(false)} onDone={() => setReloadKey((n) => n + 1)} />}
    </section>
  )
}

function AddHostsDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { zone } = useSession()
  const [count, setCount] = useState('1')
  const [cpu, setCpu] = useState('64')
  const [memory, setMemory] = useState('262144')
  return (
    <FormDialog
      title={t('admin.addHostsTitle', { zone })}
      submitLabel={t('admin.addHosts')}
      onClose={onClose}
      onSubmit={async () => {
        await call('admin', 'AddHosts', { zone, count: count.trim(), cpu: cpu.trim(), memory: memory.trim() })
        onDone()
      }}
    >
      <TextField label={t('admin.hostCount')} type="number" value={count} onChange={setCount} required />
      <TextField label={t('admin.hostCpu')} type="number" value={cpu} onChange={setCpu} required />
      <TextField label={t('admin.hostMemory')} type="number" value={memory} onChange={setMemory} required hint={t('admin.hostMemoryHint')} />
    </FormDialog>
  )
}
