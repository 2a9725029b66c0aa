// NICs: the list (DescribeNics, status filter), CreateNics in a vxnet (optional name, count and
// fixed private IPs, or none with "no address"), AttachNics to an instance and DetachNics (jobs
// tracked), ModifyNicAttributes (name, private IP of a detached NIC) and DeleteNics.
import { useState } from 'react'
import { call, optional } from '../../api/client.ts'
import type { DescribeReply, Nic, Vxnet } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { CheckboxField, FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { useJobs } from '../../components/JobProgress.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { useT } from '../../i18n/index.ts'
import { formatTime, InstanceSelect, useResource } from './shared.tsx'

const STATUSES = ['available', 'in-use']

// DescribeNics takes one status (a string), not a list
const fetchNics = (q: ListQuery) => call<DescribeReply<'nic_set', Nic>>('iaas', 'DescribeNics', { ...q, status: q.status?.[0], verbose: 1 }).then((r) => ({ items: r.nic_set, total: r.total_count }))

type Dialog = { kind: 'create' } | { kind: 'attach'; nics: Nic[] } | { kind: 'modify'; nic: Nic }

export function NicsPage() {
  const t = useT()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = () => setReloadKey((n) => n + 1)
  const close = () => setDialog(null)

  const columns: Column<Nic>[] = [
    { label: t('nics.id'), render: (n) => <code>{n.nic_id}</code> },
    { label: t('nics.name'), render: (n) => n.nic_name || t('common.none') },
    { label: t('nics.status'), render: (n) => <StatusBadge status={n.status} transition={n.transition_status} /> },
    { label: t('nics.vxnet'), render: (n) => n.vxnet_id },
    { label: t('nics.privateIp'), render: (n) => n.private_ip || t('common.none') },
    { label: t('nics.instance'), render: (n) => (n.instance_id ? `${n.instance_id}${n.role === 1 ? ` (${t('nics.primary')})` : ''}` : t('common.none')) },
    { label: t('nics.created'), render: (n) => formatTime(t, n.create_time) },
  ]

  return (
    <section>
      <h1>{t('nics.title')}</h1>
      <ResourceList
        label={t('nics.title')}
        fetch={fetchNics}
        rowId={(n) => n.nic_id}
        columns={columns}
        statuses={STATUSES}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => {
          const ids = selected.map((n) => n.nic_id)
          return (
            <>
              <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
                {t('nics.create')}
              </button>
              <button type="button" disabled={selected.length !== 1} onClick={() => selected[0] && setDialog({ kind: 'modify', nic: selected[0] })}>
                {t('common.modify')}
              </button>
              <button type="button" disabled={selected.length === 0 || selected.some((n) => n.status !== 'available')} onClick={() => setDialog({ kind: 'attach', nics: selected })}>
                {t('nics.attach')}
              </button>
              <ActionButton
                label={t('nics.detach')}
                disabled={selected.length === 0 || selected.some((n) => n.status !== 'in-use')}
                confirm={t('nics.confirmDetach', { ids: ids.join(', ') })}
                run={() => call('iaas', 'DetachNics', { nics: ids })}
                onDone={reloadList}
              />
              <ActionButton label={t('common.delete')} danger disabled={selected.length === 0} confirm={t('nics.confirmDelete', { ids: ids.join(', ') })} run={() => call('iaas', 'DeleteNics', { nics: ids })} onDone={reloadList} />
            </>
          )
        }}
      />
      {dialog?.kind === 'create' && <CreateDialog onClose={close} onDone={reload} />}
      {dialog?.kind === 'attach' && <AttachDialog nics={dialog.nics} onClose={close} onDone={reload} />}
      {dialog?.kind === 'modify' && <ModifyDialog nic={dialog.nic} onClose={close} onDone={reload} />}
    </section>
  )
}

function CreateDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [vxnet, setVxnet] = useState('')
  const [name, setName] = useState('')
  const [count, setCount] = useState('1')
  const [ips, setIps] = useState('')
  const [noIp, setNoIp] = useState(false)
  const vxnets = useResource(
    () => call<DescribeReply<'vxnet_set', Vxnet>>('iaas', 'DescribeVxnets', { limit: 100 }).then((r) => r.vxnet_set.map((v) => ({ value: v.vxnet_id, label: v.vxnet_name ? `${v.vxnet_name} (${v.vxnet_id})` : v.vxnet_id }))),
    [],
  )
  const chosen = vxnet || vxnets.item?.[0]?.value || ''
  const privateIps = ips
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
  return (
    <FormDialog
      title={t('nics.create')}
      submitLabel={t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'CreateNics', { vxnet: chosen, nic_name: optional(name), count: optional(count), private_ips: privateIps.length && !noIp ? privateIps : undefined, disable_ip: noIp || undefined })
        onDone()
      }}
    >
      <ErrorNotice error={vxnets.error} />
      <SelectField label={t('nics.vxnet')} value={chosen} onChange={setVxnet} options={vxnets.item ?? []} />
      <TextField label={t('nics.name')} value={name} onChange={setName} />
      <TextField label={t('nics.count')} type="number" value={count} onChange={setCount} />
      <TextField label={t('nics.privateIps')} value={ips} onChange={setIps} hint={t('nics.privateIpsHint')} />
      <CheckboxField label={t('nics.disableIp')} checked={noIp} onChange={setNoIp} />
    </FormDialog>
  )
}

function AttachDialog({ nics, onClose, onDone }: { nics: Nic[]; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [instance, setInstance] = useState('')
  return (
    <FormDialog
      title={t('nics.attachTitle', { ids: nics.map((n) => n.nic_id).join(', ') })}
      submitLabel={t('nics.attach')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ job_id: string }>('iaas', 'AttachNics', { nics: nics.map((n) => n.nic_id), instance })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <InstanceSelect label={t('nics.instance')} value={instance} onChange={setInstance} statuses={['running', 'stopped']} />
    </FormDialog>
  )
}

function ModifyDialog({ nic, onClose, onDone }: { nic: Nic; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(nic.nic_name)
  const [ip, setIp] = useState(nic.private_ip)
  return (
    <FormDialog
      title={t('nics.modifyTitle', { id: nic.nic_id })}
      submitLabel={t('common.save')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'ModifyNicAttributes', { nic: nic.nic_id, nic_name: name, private_ip: ip.trim() !== nic.private_ip ? ip.trim() : undefined })
        onDone()
      }}
    >
      <TextField label={t('nics.name')} value={name} onChange={setName} />
      <TextField label={t('nics.privateIp')} value={ip} onChange={setIp} hint={t('nics.privateIpHint')} />
    </FormDialog>
  )
}
