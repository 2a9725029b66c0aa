// AppCenter clusters: the list over DescribeClusters (deploy, start, stop, delete) and a cluster's
// page with its nodes (DescribeClusterNodes): add nodes of a role (AddClusterNodes), delete the
// chosen nodes (DeleteClusterNodes), resize a role (ResizeCluster: CPU/memory shape, storage).
// The server's cluster rules answer 8003 with a message naming the problem, shown in the dialog.
import { useState } from 'react'
import { Link, useParams } from 'wouter'
import { call, optional } from '../../api/client.ts'
import type { Cluster, ClusterNode, DescribeReply } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { useJobs } from '../../components/JobProgress.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { useT } from '../../i18n/index.ts'
import { intOrUndefined, timeText, useLoaded } from '../loadbalancers/shared.tsx'
import { DeployDialog } from './apps.tsx'

const STATUSES = ['pending', 'active', 'stopped', 'suspended', 'deleted', 'ceased']

const fetchClusters = (q: ListQuery) => call<DescribeReply<'cluster_set', Cluster>>('iaas', 'DescribeClusters', { ...q }).then((r) => ({ items: r.cluster_set, total: r.total_count }))

/** Start/Stop/DeleteClusters answer job_ids as { cluster_id: job_id } (one job per cluster): each is tracked. */
function useClusterJobs() {
  const { track } = useJobs()
  return (reply: { job_ids?: Record<string, string> }, onDone: () => void) => {
    for (const id of Object.values(reply.job_ids ?? {})) track(id, onDone)
  }
}

export function ClustersPage() {
  const t = useT()
  const trackAll = useClusterJobs()
  const [deploying, setDeploying] = useState(false)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = () => setReloadKey((n) => n + 1)
  const columns: Column<Cluster>[] = [
    {
      label: t('clusters.id'),
      render: (c) => (
        <Link href={`/clusters/${c.cluster_id}`}>
          <code>{c.cluster_id}</code>
        </Link>
      ),
    },
    { label: t('clusters.name'), render: (c) => c.name || t('common.none') },
    { label: t('clusters.status'), render: (c) => <StatusBadge status={c.status} transition={c.transition_status} /> },
    { label: t('clusters.app'), render: (c) => `${c.app_info.app_name} ${c.app_version_info.name}` },
    { label: t('clusters.nodeCount'), render: (c) => c.node_count },
    { label: t('clusters.vxnet'), render: (c) => c.vxnet.vxnet_id },
    { label: t('clusters.created'), render: (c) => timeText(c.create_time, t.lang) },
  ]
  return (
    <section>
      <h1>{t('clusters.title')}</h1>
      <ResourceList
        label={t('clusters.title')}
        fetch={fetchClusters}
        rowId={(c) => c.cluster_id}
        columns={columns}
        statuses={STATUSES}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => {
          const clusters = selected.map((c) => c.cluster_id)
          return (
            <>
              <button type="button" className="primary" onClick={() => setDeploying(true)}>
                {t('clusters.deployNew')}
              </button>
              <ActionButton label={t('clusters.start')} disabled={clusters.length === 0} run={async () => trackAll(await call<{ job_ids: Record<string, string> }>('iaas', 'StartClusters', { clusters }), reloadList)} onDone={reloadList} />
              <ActionButton
                label={t('clusters.stop')}
                disabled={clusters.length === 0}
                confirm={t('clusters.confirmStop', { ids: clusters.join(', ') })}
                run={async () => trackAll(await call<{ job_ids: Record<string, string> }>('iaas', 'StopClusters', { clusters }), reloadList)}
                onDone={reloadList}
              />
              <ActionButton
                label={t('common.delete')}
                danger
                disabled={clusters.length === 0}
                confirm={t('clusters.confirmDelete', { ids: clusters.join(', ') })}
                run={async () => trackAll(await call<{ job_ids: Record<string, string> }>('iaas', 'DeleteClusters', { clusters }), reloadList)}
                onDone={reloadList}
              />
            </>
          )
        }}
      />
      {deploying && <DeployDialog onClose={() => setDeploying(false)} onDone={reload} />}
    </section>
  )
}

export function ClusterDetailPage() {
  const t = useT()
  const trackAll = useClusterJobs()
  const { id = '' } = useParams<{ id: string }>()
  const [dialog, setDialog] = useState<'add' | 'resize' | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const cluster = useLoaded(
    () => call<DescribeReply<'cluster_set', Cluster>>('iaas', 'DescribeClusters', { clusters: [id] }).then((r) => r.cluster_set[0] ?? null),
    (c) => c !== null && (c.transition_status !== '' || c.status === 'pending'),
  )
  const reload = () => {
    cluster.reload()
    setReloadKey((n) => n + 1)
  }
  const c = cluster.data
  const fetchNodes = (q: ListQuery) =>
    call<DescribeReply<'node_set', ClusterNode>>('iaas', 'DescribeClusterNodes', { cluster: id, offset: q.offset, limit: q.limit, search_word: q.search_word, status: q.status?.[0] }).then((r) => ({
      items: r.node_set,
      total: r.total_count,
    }))
  const nodeColumns: Column<ClusterNode>[] = [
    { label: t('clusters.nodeId'), render: (n) => <code>{n.node_id}</code> },
    { label: t('clusters.role'), render: (n) => n.role },
    { label: t('clusters.instance'), render: (n) => n.instance_id },
    { label: t('clusters.status'), render: (n) => <StatusBadge status={n.status} transition={n.transition_status} /> },
    { label: t('clusters.privateIp'), render: (n) => n.private_ip || t('common.none') },
    { label: t('clusters.shape'), render: (n) => t('clusters.shapeText', { cpu: n.cpu, memory: n.memory, storage: n.storage_size }) },
  ]
  return (
    <section>
      <p>
        <Link href="/clusters">{t('clusters.back')}</Link>
      </p>
      <h1>{t('clusters.detailTitle', { id })}</h1>
      <ErrorNotice error={cluster.error} />
      {cluster.data === null && !cluster.error && <p>{t('common.loading')}</p>}
      {c && (
        <>
          <dl className="details">
            <dt>{t('clusters.name')}</dt>
            <dd>{c.name || t('common.none')}</dd>
            <dt>{t('clusters.status')}</dt>
            <dd>
              <StatusBadge status={c.status} transition={c.transition_status} />
            </dd>
            <dt>{t('clusters.app')}</dt>
            <dd>
              {c.app_info.app_name} {c.app_version_info.name} ({c.app_version})
            </dd>
            <dt>{t('clusters.roles')}</dt>
            <dd>
              {Object.entries(c.role_count)
                .map(([role, count]) => `${role}: ${count}`)
                .join(', ') || t('common.none')}
            </dd>
            <dt>{t('clusters.vxnet')}</dt>
            <dd>{c.vxnet.vxnet_id}</dd>
            <dt>{t('clusters.created')}</dt>
            <dd>{timeText(c.create_time, t.lang)}</dd>
          </dl>
          <div className="toolbar">
            {c.status === 'stopped' && <ActionButton label={t('clusters.start')} run={async () => trackAll(await call<{ job_ids: Record<string, string> }>('iaas', 'StartClusters', { clusters: [id] }), reload)} onDone={reload} />}
            {c.status === 'active' && (
              <ActionButton
                label={t('clusters.stop')}
                confirm={t('clusters.confirmStop', { ids: id })}
                run={async () => trackAll(await call<{ job_ids: Record<string, string> }>('iaas', 'StopClusters', { clusters: [id] }), reload)}
                onDone={reload}
              />
            )}
            <button type="button" onClick={() => setDialog('add')}>
              {t('clusters.addNodes')}
            </button>
            <button type="button" onClick={() => setDialog('resize')}>
              {t('clusters.resize')}
            </button>
            <ActionButton
              label={t('common.delete')}
              danger
              confirm={t('clusters.confirmDelete', { ids: id })}
              run={async () => trackAll(await call<{ job_ids: Record<string, string> }>('iaas', 'DeleteClusters', { clusters: [id] }), reload)}
              onDone={reload}
            />
          </div>
          <h2>{t('clusters.nodes')}</h2>
          <ResourceList
            label={t('clusters.nodes')}
            fetch={fetchNodes}
            rowId={(n) => n.node_id}
            columns={nodeColumns}
            reloadKey={reloadKey}
            toolbar={({ selected }) => (
              <ActionButton
                label={t('clusters.deleteNodes')}
                danger
                disabled={selected.length === 0}
                confirm={t('clusters.confirmDeleteNodes', { ids: selected.map((n) => n.node_id).join(', ') })}
                run={() => call('iaas', 'DeleteClusterNodes', { cluster: id, nodes: selected.map((n) => n.node_id) })}
                onDone={reload}
              />
            )}
          />
          {dialog === 'add' && <AddNodesDialog cluster={c} onClose={() => setDialog(null)} onDone={reload} />}
          {dialog === 'resize' && <ResizeDialog cluster={c} onClose={() => setDialog(null)} onDone={reload} />}
        </>
      )}
    </section>
  )
}

function AddNodesDialog({ cluster, onClose, onDone }: { cluster: Cluster; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [role, setRole] = useState(cluster.roles[0] ?? '')
  const [count, setCount] = useState('1')
  const [name, setName] = useState('')
  return (
    <FormDialog
      title={t('clusters.addNodesTitle', { id: cluster.cluster_id })}
      submitLabel={t('clusters.addNodes')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ job_id: string }>('iaas', 'AddClusterNodes', { cluster: cluster.cluster_id, node_role: optional(role), node_count: intOrUndefined(count), node_name: optional(name) })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <SelectField label={t('clusters.role')} value={role} onChange={setRole} options={cluster.roles.map((r) => ({ value: r, label: r }))} />
      <TextField label={t('clusters.nodeCountToAdd')} value={count} onChange={setCount} type="number" required />
      <TextField label={t('clusters.nodeName')} value={name} onChange={setName} />
    </FormDialog>
  )
}

function ResizeDialog({ cluster, onClose, onDone }: { cluster: Cluster; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [role, setRole] = useState(cluster.roles[0] ?? '')
  const [cpu, setCpu] = useState('')
  const [memory, setMemory] = useState('')
  const [storage, setStorage] = useState('')
  return (
    <FormDialog
      title={t('clusters.resizeTitle', { id: cluster.cluster_id })}
      submitLabel={t('clusters.resize')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ job_id: string }>('iaas', 'ResizeCluster', { cluster: cluster.cluster_id, node_role: optional(role), cpu: intOrUndefined(cpu), memory: intOrUndefined(memory), storage_size: intOrUndefined(storage) })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <SelectField label={t('clusters.role')} value={role} onChange={setRole} options={cluster.roles.map((r) => ({ value: r, label: r }))} />
      <TextField label={t('clusters.cpu')} value={cpu} onChange={setCpu} type="number" hint={t('clusters.keepHint')} />
      <TextField label={t('clusters.memory')} value={memory} onChange={setMemory} type="number" hint={t('clusters.keepHint')} />
      <TextField label={t('clusters.storage')} value={storage} onChange={setStorage} type="number" hint={t('clusters.storageHint')} />
    </FormDialog>
  )
}
