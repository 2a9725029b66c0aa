// VxNets: the list (DescribeVxnets; the base network vxnet-0 is every user's and cannot be changed),
// CreateVxnets (managed, with QingLocal's own 192.168.N.0/24, or self-managed), ModifyVxnetAttributes,
// DeleteVxnets, JoinRouter / LeaveRouter (a managed vxnet into a router's VPC), and a detail page
// with the instances in it (DescribeVxnetInstances, JoinVxnet / LeaveVxnet, jobs tracked) and its
// router join (DescribeRouterVxnets).
import { useState } from 'react'
import { Link, useParams } from 'wouter'
import { call, optional } from '../../api/client.ts'
import type { DescribeReply, Router, RouterVxnet, Vxnet, VxnetInstance } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field, FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { useJobs } from '../../components/JobProgress.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { type Translate, useT } from '../../i18n/index.ts'
import { formatTime, InstanceSelect, Properties, useResource } from './shared.tsx'

const BASE = 'vxnet-0'

const fetchVxnets = (q: ListQuery) => call<DescribeReply<'vxnet_set', Vxnet>>('iaas', 'DescribeVxnets', { ...q, verbose: 1 }).then((r) => ({ items: r.vxnet_set, total: r.total_count }))

const typeText = (t: Translate, v: Vxnet) => (v.vxnet_id === BASE ? t('vxnets.base') : v.vxnet_type === 1 ? t('vxnets.managed') : t('vxnets.selfManaged'))
const routerText = (t: Translate, v: Vxnet) => (v.router ? `${v.router.router_name ? `${v.router.router_name} ` : ''}(${v.router.router_id})` : t('common.none'))

type Dialog = { kind: 'create' } | { kind: 'modify'; vxnet: Vxnet } | { kind: 'joinRouter'; vxnet: Vxnet }

export function VxnetsPage() {
  const t = useT()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = () => setReloadKey((n) => n + 1)
  const close = () => setDialog(null)

  const columns: Column<Vxnet>[] = [
    {
      label: t('vxnets.id'),
      render: (v) => (
        <Link href={`/vxnets/${v.vxnet_id}`}>
          <code>{v.vxnet_id}</code>
        </Link>
      ),
    },
    { label: t('vxnets.name'), render: (v) => v.vxnet_name || t('common.none') },
    { label: t('vxnets.type'), render: (v) => typeText(t, v) },
    { label: t('vxnets.network'), render: (v) => v.ip_network || t('common.none') },
    { label: t('vxnets.router'), render: (v) => routerText(t, v) },
    { label: t('vxnets.availableIps'), render: (v) => v.available_ip_count },
    { label: t('vxnets.instances'), render: (v) => (v.instance_ids?.length ? v.instance_ids.join(', ') : t('common.none')) },
    { label: t('vxnets.created'), render: (v) => formatTime(t, v.create_time) },
  ]

  return (
    <section>
      <h1>{t('vxnets.title')}</h1>
      <ResourceList
        label={t('vxnets.title')}
        fetch={fetchVxnets}
        rowId={(v) => v.vxnet_id}
        columns={columns}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => {
          const one = selected.length === 1 && selected[0]?.vxnet_id !== BASE ? selected[0] : undefined
          const own = selected.filter((v) => v.vxnet_id !== BASE)
          return (
            <>
              <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
                {t('vxnets.create')}
              </button>
              <button type="button" disabled={!one} onClick={() => one && setDialog({ kind: 'modify', vxnet: one })}>
                {t('common.modify')}
              </button>
              <button type="button" disabled={one?.vxnet_type !== 1 || one.router !== null} onClick={() => one && setDialog({ kind: 'joinRouter', vxnet: one })}>
                {t('vxnets.joinRouter')}
              </button>
              <ActionButton
                label={t('vxnets.leaveRouter')}
                disabled={!one?.router}
                confirm={t('vxnets.confirmLeaveRouter', { id: one?.vxnet_id ?? '', router: one?.router?.router_id ?? '' })}
                run={() => call('iaas', 'LeaveRouter', { vxnets: [one?.vxnet_id], router: one?.router?.router_id })}
                onDone={reloadList}
              />
              <ActionButton
                label={t('common.delete')}
                danger
                disabled={own.length === 0 || own.length !== selected.length}
                confirm={t('vxnets.confirmDelete', { ids: own.map((v) => v.vxnet_id).join(', ') })}
                run={() => call('iaas', 'DeleteVxnets', { vxnets: own.map((v) => v.vxnet_id) })}
                onDone={reloadList}
              />
            </>
          )
        }}
      />
      {dialog?.kind === 'create' && <CreateDialog onClose={close} onDone={reload} />}
      {dialog?.kind === 'modify' && <ModifyDialog vxnet={dialog.vxnet} onClose={close} onDone={reload} />}
      {dialog?.kind === 'joinRouter' && <JoinRouterDialog vxnet={dialog.vxnet.vxnet_id} onClose={close} onDone={reload} />}
    </section>
  )
}

function CreateDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState('')
  const [type, setType] = useState('1')
  const [count, setCount] = useState('1')
  const [description, setDescription] = useState('')
  return (
    <FormDialog
      title={t('vxnets.create')}
      submitLabel={t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'CreateVxnets', { vxnet_name: optional(name), vxnet_type: type, count: optional(count), description: optional(description) })
        onDone()
      }}
    >
      <TextField label={t('vxnets.name')} value={name} onChange={setName} />
      <SelectField
        label={t('vxnets.type')}
        value={type}
        onChange={setType}
        options={[
          { value: '1', label: t('vxnets.managed') },
          { value: '0', label: t('vxnets.selfManaged') },
        ]}
        hint={t('vxnets.typeHint')}
      />
      <TextField label={t('vxnets.count')} type="number" value={count} onChange={setCount} />
      <TextField label={t('vxnets.description')} value={description} onChange={setDescription} multiline />
    </FormDialog>
  )
}

function ModifyDialog({ vxnet, onClose, onDone }: { vxnet: Vxnet; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(vxnet.vxnet_name)
  const [description, setDescription] = useState(vxnet.description ?? '')
  return (
    <FormDialog
      title={t('vxnets.modifyTitle', { id: vxnet.vxnet_id })}
      submitLabel={t('common.save')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'ModifyVxnetAttributes', { vxnet: vxnet.vxnet_id, vxnet_name: name, description })
        onDone()
      }}
    >
      <TextField label={t('vxnets.name')} value={name} onChange={setName} />
      <TextField label={t('vxnets.description')} value={description} onChange={setDescription} multiline />
    </FormDialog>
  )
}

/** JoinRouter: the vxnet gets `ip_network` inside the router's VPC; its job is tracked. Also used from a router's page (fixed router, vxnet chosen). */
export function JoinRouterDialog({ vxnet, router, onClose, onDone }: { vxnet?: string; router?: string; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [routerId, setRouterId] = useState(router ?? '')
  const [vxnetId, setVxnetId] = useState(vxnet ?? '')
  const [network, setNetwork] = useState('192.168.1.0/24')
  const [managerIp, setManagerIp] = useState('')
  const [dynStart, setDynStart] = useState('')
  const [dynEnd, setDynEnd] = useState('')
  const { item: choices, error } = useResource(async () => {
    if (router === undefined) {
      const r = await call<DescribeReply<'router_set', Router>>('iaas', 'DescribeRouters', { status: ['active', 'poweroffed'], limit: 100 })
      return r.router_set.map((x) => ({ value: x.router_id, label: x.router_name ? `${x.router_name} (${x.router_id})` : x.router_id }))
    }
    const r = await call<DescribeReply<'vxnet_set', Vxnet>>('iaas', 'DescribeVxnets', { vxnet_type: 1, limit: 100 })
    return r.vxnet_set.filter((x) => x.vxnet_id !== BASE && x.router === null).map((x) => ({ value: x.vxnet_id, label: x.vxnet_name ? `${x.vxnet_name} (${x.vxnet_id})` : x.vxnet_id }))
  }, [router])
  const chosen = router === undefined ? routerId || choices?.[0]?.value || '' : router
  const chosenVxnet = vxnet ?? (vxnetId || choices?.[0]?.value || '')
  return (
    <FormDialog
      title={t('vxnets.joinRouterTitle')}
      submitLabel={t('vxnets.joinRouter')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ job_id: string }>('iaas', 'JoinRouter', {
          vxnet: chosenVxnet,
          router: chosen,
          ip_network: network.trim(),
          manager_ip: optional(managerIp),
          dyn_ip_start: optional(dynStart),
          dyn_ip_end: optional(dynEnd),
        })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <ErrorNotice error={error} />
      {choices === undefined && <p>{t('common.loading')}</p>}
      {choices && router === undefined && <SelectField label={t('vxnets.router')} value={chosen} onChange={setRouterId} options={choices.length ? choices : [{ value: '', label: t('vxnets.noRouters') }]} />}
      {choices && vxnet === undefined && <SelectField label={t('vxnets.vxnet')} value={chosenVxnet} onChange={setVxnetId} options={choices.length ? choices : [{ value: '', label: t('vxnets.noVxnets') }]} />}
      <TextField label={t('vxnets.ipNetwork')} value={network} onChange={setNetwork} required hint={t('vxnets.ipNetworkHint')} />
      <TextField label={t('vxnets.managerIp')} value={managerIp} onChange={setManagerIp} hint={t('vxnets.managerIpHint')} />
      <TextField label={t('vxnets.dynIpStart')} value={dynStart} onChange={setDynStart} />
      <TextField label={t('vxnets.dynIpEnd')} value={dynEnd} onChange={setDynEnd} hint={t('vxnets.dynIpHint')} />
    </FormDialog>
  )
}

export function VxnetPage() {
  const t = useT()
  const { id = '' } = useParams<{ id: string }>()
  const [joining, setJoining] = useState(false)
  const [reloadKey, setReloadKey] = useState(0)
  const { item: vxnet, error, reload: reloadVxnet } = useResource(() => call<DescribeReply<'vxnet_set', Vxnet>>('iaas', 'DescribeVxnets', { vxnets: [id], verbose: 1 }).then((r) => r.vxnet_set[0]), [id])
  const { item: join } = useResource(() => call<DescribeReply<'router_vxnet_set', RouterVxnet>>('iaas', 'DescribeRouterVxnets', { vxnet: id }).then((r) => r.router_vxnet_set[0]), [id, reloadKey])
  const reload = () => {
    setReloadKey((n) => n + 1)
    reloadVxnet()
  }

  const columns: Column<VxnetInstance>[] = [
    { label: t('vxnets.instance'), render: (i) => <code>{i.instance_id}</code> },
    { label: t('vxnets.name'), render: (i) => i.instance_name || t('common.none') },
    { label: t('vxnets.instanceStatus'), render: (i) => <StatusBadge status={i.status} transition={i.nic_transition_status || i.transition_status} /> },
    { label: t('vxnets.privateIp'), render: (i) => i.private_ip || t('common.none') },
    { label: t('vxnets.nic'), render: (i) => <code>{i.nic_id}</code> },
  ]

  return (
    <section>
      <p>
        <Link href="/vxnets">{t('vxnets.back')}</Link>
      </p>
      <h1>{t('vxnets.detailTitle', { id })}</h1>
      <ErrorNotice error={error} />
      {vxnet === null && <p>{t('vxnets.notFound')}</p>}
      {vxnet && (
        <Properties
          label={t('vxnets.properties')}
          rows={[
            [t('vxnets.id'), <code key="id">{vxnet.vxnet_id}</code>],
            [t('vxnets.name'), vxnet.vxnet_name || t('common.none')],
            [t('vxnets.type'), typeText(t, vxnet)],
            [t('vxnets.network'), vxnet.ip_network || t('common.none')],
            [t('vxnets.router'), join ? `${join.router_id} · ${t('vxnets.managerIp')} ${join.manager_ip} · ${t('vxnets.dhcpRange')} ${join.dyn_ip_start}–${join.dyn_ip_end}` : routerText(t, vxnet)],
            [t('vxnets.availableIps'), vxnet.available_ip_count],
            [t('vxnets.description'), vxnet.description || t('common.none')],
            [t('vxnets.created'), formatTime(t, vxnet.create_time)],
          ]}
        />
      )}
      <h2>{t('vxnets.instances')}</h2>
      <ResourceList
        label={t('vxnets.instances')}
        fetch={(q) => call<DescribeReply<'instance_set', VxnetInstance>>('iaas', 'DescribeVxnetInstances', { offset: q.offset, limit: q.limit, vxnet: id }).then((r) => ({ items: r.instance_set, total: r.total_count }))}
        rowId={(i) => i.instance_id}
        columns={columns}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => (
          <>
            <button type="button" className="primary" onClick={() => setJoining(true)}>
              {t('vxnets.joinVxnet')}
            </button>
            <ActionButton
              label={t('vxnets.leaveVxnet')}
              danger
              disabled={selected.length === 0}
              confirm={t('vxnets.confirmLeave', { ids: selected.map((i) => i.instance_id).join(', '), id })}
              run={() => call('iaas', 'LeaveVxnet', { vxnet: id, instances: selected.map((i) => i.instance_id) })}
              onDone={() => {
                reloadList()
                reloadVxnet()
              }}
            />
          </>
        )}
      />
      {joining && <JoinVxnetDialog vxnet={id} onClose={() => setJoining(false)} onDone={reload} />}
    </section>
  )
}

function JoinVxnetDialog({ vxnet, onClose, onDone }: { vxnet: string; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [instance, setInstance] = useState('')
  return (
    <FormDialog
      title={t('vxnets.joinVxnetTitle', { id: vxnet })}
      submitLabel={t('vxnets.joinVxnet')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ job_id: string }>('iaas', 'JoinVxnet', { vxnet, instances: [instance] })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <InstanceSelect label={t('vxnets.instance')} value={instance} onChange={setInstance} statuses={['running', 'stopped']} />
      <Field label={t('vxnets.vxnet')}>{(fieldId) => <input id={fieldId} value={vxnet} readOnly />}</Field>
    </FormDialog>
  )
}
