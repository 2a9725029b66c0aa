// Load balancers: the list over DescribeLoadBalancers with create (in a vxnet and/or with EIPs, a
// type, node count and security group), start, stop, apply changes (UpdateLoadBalancers: a
// load balancer shows "changes not applied" while is_applied is 0), resize (the type) and delete.
// Each id opens its details page (listeners, backends, EIPs, network, traffic).
import { useState } from 'react'
import { Link } from 'wouter'
import { call, optional } from '../../api/client.ts'
import type { DescribeReply, Eip, LoadBalancer, SecurityGroup } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { useJobs } from '../../components/JobProgress.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { useT } from '../../i18n/index.ts'
import { CheckboxGroup, intOrUndefined, LB_TYPES, timeText, useLoaded } from './shared.tsx'

const STATUSES = ['pending', 'active', 'stopped', 'suspended', 'deleted', 'ceased']

const fetchLoadBalancers = (q: ListQuery) => call<DescribeReply<'loadbalancer_set', LoadBalancer>>('iaas', 'DescribeLoadBalancers', { ...q }).then((r) => ({ items: r.loadbalancer_set, total: r.total_count }))

interface Vxnet {
  vxnet_id: string
  vxnet_name: string
}

export function LoadBalancersPage() {
  const t = useT()
  const [dialog, setDialog] = useState<{ kind: 'create' } | { kind: 'resize'; lbs: LoadBalancer[] } | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = () => setReloadKey((n) => n + 1)
  const close = () => setDialog(null)

  const columns: Column<LoadBalancer>[] = [
    {
      label: t('loadbalancers.id'),
      render: (lb) => (
        <Link href={`/loadbalancers/${lb.loadbalancer_id}`}>
          <code>{lb.loadbalancer_id}</code>
        </Link>
      ),
    },
    { label: t('loadbalancers.name'), render: (lb) => lb.loadbalancer_name || t('common.none') },
    {
      label: t('loadbalancers.status'),
      render: (lb) => (
        <>
          <StatusBadge status={lb.status} transition={lb.transition_status} />
          {lb.is_applied === 0 && <span className="badge badge-amber">{t('loadbalancers.notApplied')}</span>}
        </>
      ),
    },
    { label: t('loadbalancers.type'), render: (lb) => t('loadbalancers.typeOption', { type: lb.loadbalancer_type, connections: LB_TYPES[lb.loadbalancer_type] ?? '?' }) },
    { label: t('loadbalancers.eips'), render: (lb) => (lb.eips.length ? lb.eips.map((e) => e.eip_addr || e.eip_id).join(', ') : t('common.none')) },
    { label: t('loadbalancers.network'), render: (lb) => (lb.vxnet_id ? `${lb.vxnet_id} ${lb.private_ips.join(', ')}` : t('common.none')) },
    { label: t('loadbalancers.created'), render: (lb) => timeText(lb.create_time, t.lang) },
  ]

  return (
    <section>
      <h1>{t('loadbalancers.title')}</h1>
      <ResourceList
        label={t('loadbalancers.title')}
        fetch={fetchLoadBalancers}
        rowId={(lb) => lb.loadbalancer_id}
        columns={columns}
        statuses={STATUSES}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => {
          const ids = selected.map((lb) => lb.loadbalancer_id)
          return (
            <>
              <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
                {t('loadbalancers.create')}
              </button>
              <ActionButton label={t('loadbalancers.start')} disabled={selected.length === 0} run={() => call('iaas', 'StartLoadBalancers', { loadbalancers: ids })} onDone={reloadList} />
              <ActionButton
                label={t('loadbalancers.stop')}
                disabled={selected.length === 0}
                confirm={t('loadbalancers.confirmStop', { ids: ids.join(', ') })}
                run={() => call('iaas', 'StopLoadBalancers', { loadbalancers: ids })}
                onDone={reloadList}
              />
              <ActionButton label={t('loadbalancers.apply')} disabled={selected.length === 0} run={() => call('iaas', 'UpdateLoadBalancers', { loadbalancers: ids })} onDone={reloadList} />
              <button type="button" disabled={selected.length === 0} onClick={() => setDialog({ kind: 'resize', lbs: selected })}>
                {t('loadbalancers.resize')}
              </button>
              <ActionButton
                label={t('common.delete')}
                danger
                disabled={selected.length === 0}
                confirm={t('loadbalancers.confirmDelete', { ids: ids.join(', ') })}
                run={() => call('iaas', 'DeleteLoadBalancers', { loadbalancers: ids })}
                onDone={reloadList}
              />
            </>
          )
        }}
      />
      {dialog?.kind === 'create' && <CreateDialog onClose={close} onDone={reload} />}
      {dialog?.kind === 'resize' && <ResizeDialog lbs={dialog.lbs} onClose={close} onDone={reload} />}
    </section>
  )
}

function CreateDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [name, setName] = useState('')
  const [type, setType] = useState('0')
  const [nodeCount, setNodeCount] = useState('1')
  const [vxnet, setVxnet] = useState('')
  const [privateIp, setPrivateIp] = useState('')
  const [eips, setEips] = useState<string[]>([])
  const [group, setGroup] = useState('')
  const options = useLoaded(async () => {
    const [v, e, g] = await Promise.all([
      call<DescribeReply<'vxnet_set', Vxnet>>('iaas', 'DescribeVxnets', { limit: 100 }),
      call<DescribeReply<'eip_set', Eip>>('iaas', 'DescribeEips', { status: ['available'], limit: 100 }),
      call<DescribeReply<'security_group_set', SecurityGroup>>('iaas', 'DescribeSecurityGroups', { limit: 100 }),
    ])
    return { vxnets: v.vxnet_set, eips: e.eip_set.filter((x) => !x.resource?.resource_id), groups: g.security_group_set }
  })
  const label = (id: string, name: string) => (name ? `${name} (${id})` : id)
  return (
    <FormDialog
      title={t('loadbalancers.create')}
      submitLabel={t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ loadbalancer_id: string; job_id: string }>('iaas', 'CreateLoadBalancer', {
          loadbalancer_name: optional(name),
          loadbalancer_type: Number(type),
          node_count: intOrUndefined(nodeCount),
          vxnet: optional(vxnet),
          private_ip: optional(privateIp),
          eips: eips.length ? eips : undefined,
          security_group: optional(group),
        })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <TextField label={t('loadbalancers.name')} value={name} onChange={setName} />
      <SelectField label={t('loadbalancers.type')} value={type} onChange={setType} options={LB_TYPES.map((connections, i) => ({ value: String(i), label: t('loadbalancers.typeOption', { type: i, connections }) }))} />
      <TextField label={t('loadbalancers.nodeCount')} value={nodeCount} onChange={setNodeCount} type="number" />
      <ErrorNotice error={options.error} />
      <SelectField
        label={t('loadbalancers.vxnet')}
        value={vxnet}
        onChange={setVxnet}
        hint={t('loadbalancers.vxnetHint')}
        options={[{ value: '', label: t('loadbalancers.noVxnet') }, ...(options.data?.vxnets ?? []).map((v) => ({ value: v.vxnet_id, label: label(v.vxnet_id, v.vxnet_name) }))]}
      />
      <TextField label={t('loadbalancers.privateIp')} value={privateIp} onChange={setPrivateIp} hint={t('loadbalancers.privateIpHint')} />
      <CheckboxGroup legend={t('loadbalancers.eips')} options={(options.data?.eips ?? []).map((e) => ({ value: e.eip_id, label: `${e.eip_addr} (${e.eip_id})` }))} value={eips} onChange={setEips} empty={t('loadbalancers.noFreeEips')} />
      <SelectField
        label={t('loadbalancers.securityGroup')}
        value={group}
        onChange={setGroup}
        options={[{ value: '', label: t('loadbalancers.defaultGroup') }, ...(options.data?.groups ?? []).map((g) => ({ value: g.security_group_id, label: label(g.security_group_id, g.security_group_name) }))]}
      />
    </FormDialog>
  )
}

function ResizeDialog({ lbs, onClose, onDone }: { lbs: LoadBalancer[]; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [type, setType] = useState(String(lbs[0]?.loadbalancer_type ?? 0))
  return (
    <FormDialog
      title={t('loadbalancers.resizeTitle', { ids: lbs.map((lb) => lb.loadbalancer_id).join(', ') })}
      submitLabel={t('loadbalancers.resize')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ job_id: string }>('iaas', 'ResizeLoadBalancers', { loadbalancers: lbs.map((lb) => lb.loadbalancer_id), loadbalancer_type: Number(type) })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <SelectField label={t('loadbalancers.type')} value={type} onChange={setType} options={LB_TYPES.map((connections, i) => ({ value: String(i), label: t('loadbalancers.typeOption', { type: i, connections }) }))} />
    </FormDialog>
  )
}
