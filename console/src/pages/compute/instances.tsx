// Instances: the list (status filter, search, paging; it re-reads itself while an instance is in
// transition), the lifecycle actions on the selection (start, stop, restart, reset, resize,
// terminate, modify) and the create dialog. Creating runs up to three actions: a data volume is made
// first (CreateVolumes, then its job is awaited) and handed to RunInstances' volumes.N (count 1
// only, as the API requires); an EIP is allocated before RunInstances, so its validation shows in
// the dialog, and associated once the RunInstances job has brought the instance up. When
// RunInstances fails, the volume and EIP made for it are given back.
import { useEffect, useState } from 'react'
import { Link } from 'wouter'
import { call, optional } from '../../api/client.ts'
import type { DescribeReply, Image, Instance, InstanceType, KeyPair, SecurityGroup, Vxnet } from '../../api/types.ts'
import { waitForJob } from '../../api/wait-job.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { CheckboxField, FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { useJobs } from '../../components/JobProgress.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { type Translate, useT } from '../../i18n/index.ts'

export const INSTANCE_STATUSES = ['pending', 'running', 'stopped', 'suspended', 'terminated', 'ceased']
export const VOLUME_TYPE_IDS = [0, 2, 3, 5, 100, 200]

const fetchInstances = (q: ListQuery) => call<DescribeReply<'instance_set', Instance>>('iaas', 'DescribeInstances', { ...q, verbose: 1 }).then((r) => ({ items: r.instance_set, total: r.total_count }))

/** The type's label, e.g. "c2m4 (2 CPU, 4 GB)". */
const typeLabel = (it: InstanceType) => `${it.instance_type_id} (${it.instance_type_name})`

export function volumeTypeLabel(t: Translate, type: number): string {
  return t.maybe(`volumes.type${type}`) ?? String(type)
}

type Dialog = { kind: 'create' } | { kind: 'modify'; instance: Instance } | { kind: 'resize' | 'reset'; instances: Instance[] }

export function InstancesPage() {
  const t = useT()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = () => setReloadKey((n) => n + 1)
  const close = () => setDialog(null)
  const ids = (list: Instance[]) => list.map((i) => i.instance_id)

  const columns: Column<Instance>[] = [
    { label: t('instances.id'), render: (i) => <Link href={`/instances/${i.instance_id}`}>{i.instance_id}</Link> },
    { label: t('instances.name'), render: (i) => i.instance_name || t('common.none') },
    { label: t('instances.status'), render: (i) => <StatusBadge status={i.status} transition={i.transition_status} /> },
    { label: t('instances.type'), render: (i) => `${i.instance_type} · ${i.vcpus_current} vCPU / ${i.memory_current / 1024} GB` },
    { label: t('instances.image'), render: (i) => i.image?.image_name || i.image?.image_id || t('common.none') },
    {
      label: t('instances.ip'),
      render: (i) =>
        i.vxnets
          .map((n) => n.private_ip)
          .filter(Boolean)
          .join(', ') || t('common.none'),
    },
    { label: t('instances.eip'), render: (i) => i.eip?.eip_addr || t('common.none') },
    { label: t('instances.created'), render: (i) => new Date(i.create_time).toLocaleString(t.lang === 'zh' ? 'zh-CN' : 'en') },
  ]

  return (
    <section>
      <h1>{t('instances.title')}</h1>
      <ResourceList
        label={t('instances.title')}
        fetch={fetchInstances}
        rowId={(i) => i.instance_id}
        columns={columns}
        statuses={INSTANCE_STATUSES}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => {
          const all = (status: string) => selected.length > 0 && selected.every((i) => i.status === status && i.transition_status === '')
          return (
            <>
              <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
                {t('instances.create')}
              </button>
              <ActionButton label={t('instances.start')} disabled={!all('stopped')} run={() => call('iaas', 'StartInstances', { instances: ids(selected) })} onDone={reloadList} />
              <ActionButton
                label={t('instances.stop')}
                disabled={!all('running')}
                confirm={t('instances.confirmStop', { ids: ids(selected).join(', ') })}
                run={() => call('iaas', 'StopInstances', { instances: ids(selected) })}
                onDone={reloadList}
              />
              <ActionButton
                label={t('instances.restart')}
                disabled={!all('running')}
                confirm={t('instances.confirmRestart', { ids: ids(selected).join(', ') })}
                run={() => call('iaas', 'RestartInstances', { instances: ids(selected) })}
                onDone={reloadList}
              />
              <button type="button" disabled={selected.length === 0} onClick={() => setDialog({ kind: 'reset', instances: selected })}>
                {t('instances.reset')}
              </button>
              <button type="button" disabled={!all('stopped')} onClick={() => setDialog({ kind: 'resize', instances: selected })}>
                {t('instances.resize')}
              </button>
              <button type="button" disabled={selected.length !== 1} onClick={() => selected[0] && setDialog({ kind: 'modify', instance: selected[0] })}>
                {t('common.modify')}
              </button>
              <ActionButton
                label={t('instances.terminate')}
                danger
                disabled={selected.length === 0}
                confirm={t('instances.confirmTerminate', { ids: ids(selected).join(', ') })}
                run={() => call('iaas', 'TerminateInstances', { instances: ids(selected) })}
                onDone={reloadList}
              />
            </>
          )
        }}
      />
      {dialog?.kind === 'create' && <CreateInstanceDialog onClose={close} onDone={reload} />}
      {dialog?.kind === 'modify' && <ModifyInstanceDialog instance={dialog.instance} onClose={close} onDone={reload} />}
      {dialog?.kind === 'resize' && <ResizeDialog instances={dialog.instances} onClose={close} onDone={reload} />}
      {dialog?.kind === 'reset' && <ResetDialog instances={dialog.instances} onClose={close} onDone={reload} />}
    </section>
  )
}

interface Choices {
  images: Image[]
  types: InstanceType[]
  keypairs: KeyPair[]
  groups: SecurityGroup[]
  vxnets: Vxnet[]
}

/** What the create dialog offers, read once when it opens. */
function useChoices(): { choices: Choices | null; error: unknown } {
  const [choices, setChoices] = useState<Choices | null>(null)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    Promise.all([
      call<DescribeReply<'image_set', Image>>('iaas', 'DescribeImages', { status: ['available'], limit: 100 }),
      call<DescribeReply<'instance_type_set', InstanceType>>('iaas', 'DescribeInstanceTypes', {}),
      call<DescribeReply<'keypair_set', KeyPair>>('iaas', 'DescribeKeyPairs', { limit: 100 }),
      call<DescribeReply<'security_group_set', SecurityGroup>>('iaas', 'DescribeSecurityGroups', { limit: 100 }),
      call<DescribeReply<'vxnet_set', Vxnet>>('iaas', 'DescribeVxnets', { limit: 100 }),
    ])
      .then(([images, types, keypairs, groups, vxnets]) => setChoices({ images: images.image_set, types: types.instance_type_set, keypairs: keypairs.keypair_set, groups: groups.security_group_set, vxnets: vxnets.vxnet_set }))
      .catch(setError)
  }, [])
  return { choices, error }
}

const named = (id: string, name: string | null | undefined) => (name ? `${name} (${id})` : id)

function CreateInstanceDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const { choices, error } = useChoices()
  const [image, setImage] = useState('')
  const [type, setType] = useState('')
  const [count, setCount] = useState('1')
  const [name, setName] = useState('')
  const [loginMode, setLoginMode] = useState<'keypair' | 'passwd'>('keypair')
  const [keypair, setKeypair] = useState('')
  const [password, setPassword] = useState('')
  const [group, setGroup] = useState('')
  const [vxnet, setVxnet] = useState('vxnet-0')
  const [volumeSize, setVolumeSize] = useState('')
  const [volumeType, setVolumeType] = useState('0')
  const [withEip, setWithEip] = useState(false)
  const [bandwidth, setBandwidth] = useState('1')

  // defaults once the choices are in: the first Linux image, its recommended type, the first key pair
  useEffect(() => {
    if (!choices) return
    const first = choices.images.find((i) => i.platform === 'linux') ?? choices.images[0]
    setImage((old) => old || first?.image_id || '')
    setType((old) => old || first?.recommended_type || choices.types[0]?.instance_type_id || '')
    setKeypair((old) => old || choices.keypairs[0]?.keypair_id || '')
    if (choices.keypairs.length === 0) setLoginMode('passwd')
  }, [choices])

  const single = count.trim() === '1'
  return (
    <FormDialog
      title={t('instances.createTitle')}
      submitLabel={t('instances.createSubmit')}
      wide
      onClose={onClose}
      onSubmit={async () => {
        const base = optional(name)
        let volumes: string[] = []
        let eips: string[] = []
        try {
          if (single && volumeSize.trim() !== '') {
            const made = await call<{ volumes: string[]; job_id: string }>('iaas', 'CreateVolumes', { size: Number(volumeSize), volume_type: Number(volumeType), volume_name: base })
            volumes = made.volumes
            await waitForJob(made.job_id)
          }
          if (single && withEip) {
            eips = (await call<{ eips: string[] }>('iaas', 'AllocateEips', { bandwidth: Number(bandwidth), eip_name: base })).eips
          }
          const reply = await call<{ instances: string[]; job_id: string }>('iaas', 'RunInstances', {
            image_id: image,
            instance_type: type,
            count: Number(count),
            instance_name: base,
            login_mode: loginMode,
            login_keypair: loginMode === 'keypair' ? keypair : undefined,
            login_passwd: loginMode === 'passwd' ? password : undefined,
            security_group: optional(group),
            vxnets: [vxnet],
            volumes: volumes.length ? volumes : undefined,
          })
          const eip = eips[0]
          const instance = reply.instances[0]
          track(reply.job_id, (job) => {
            onDone()
            if (eip && instance && job.status === 'successful') {
              call<{ job_id: string }>('iaas', 'AssociateEip', { eip, instance }).then((r) => track(r.job_id, onDone), onDone)
            }
          })
          onDone()
        } catch (failure) {
          // nothing ran: give back what was made for it (best effort; the failure shown is RunInstances')
          if (eips.length) await call('iaas', 'ReleaseEips', { eips }).catch(() => undefined)
          if (volumes.length) await call('iaas', 'DeleteVolumes', { volumes }).catch(() => undefined)
          throw failure
        }
      }}
    >
      <ErrorNotice error={error} />
      {choices === null ? (
        !error && <p>{t('common.loading')}</p>
      ) : (
        <>
          <SelectField
            label={t('instances.image')}
            value={image}
            onChange={(id) => {
              setImage(id)
              // the image's recommended type, when the zone has it
              const recommended = choices.images.find((i) => i.image_id === id)?.recommended_type
              if (recommended && choices.types.some((it) => it.instance_type_id === recommended)) setType(recommended)
            }}
            options={choices.images.map((i) => ({ value: i.image_id, label: named(i.image_id, i.image_name) }))}
          />
          <SelectField label={t('instances.type')} value={type} onChange={setType} options={choices.types.map((it) => ({ value: it.instance_type_id, label: typeLabel(it) }))} />
          <TextField label={t('instances.count')} type="number" value={count} onChange={setCount} required />
          <TextField label={t('instances.name')} value={name} onChange={setName} />
          <SelectField
            label={t('instances.loginMode')}
            value={loginMode}
            onChange={(v) => setLoginMode(v === 'passwd' ? 'passwd' : 'keypair')}
            options={[
              { value: 'keypair', label: t('instances.loginKeypair') },
              { value: 'passwd', label: t('instances.loginPasswd') },
            ]}
          />
          {loginMode === 'keypair' ? (
            choices.keypairs.length === 0 ? (
              <p className="notice notice-warning">{t('instances.noKeypairs')}</p>
            ) : (
              <SelectField label={t('instances.keypair')} value={keypair} onChange={setKeypair} options={choices.keypairs.map((k) => ({ value: k.keypair_id, label: named(k.keypair_id, k.keypair_name) }))} />
            )
          ) : (
            <TextField label={t('instances.password')} type="password" autoComplete="new-password" value={password} onChange={setPassword} required hint={t('instances.passwordHint')} />
          )}
          <SelectField
            label={t('instances.securityGroup')}
            value={group}
            onChange={setGroup}
            options={[{ value: '', label: t('instances.defaultGroup') }, ...choices.groups.map((g) => ({ value: g.security_group_id, label: named(g.security_group_id, g.security_group_name) }))]}
          />
          <SelectField label={t('instances.vxnet')} value={vxnet} onChange={setVxnet} options={choices.vxnets.map((v) => ({ value: v.vxnet_id, label: named(v.vxnet_id, v.vxnet_name) }))} />
          {single ? (
            <>
              <TextField label={t('instances.volumeSize')} type="number" value={volumeSize} onChange={setVolumeSize} hint={t('instances.volumeSizeHint')} />
              {volumeSize.trim() !== '' && <SelectField label={t('instances.volumeType')} value={volumeType} onChange={setVolumeType} options={VOLUME_TYPE_IDS.map((v) => ({ value: String(v), label: volumeTypeLabel(t, v) }))} />}
              <CheckboxField label={t('instances.withEip')} checked={withEip} onChange={setWithEip} />
              {withEip && <TextField label={t('instances.bandwidth')} type="number" value={bandwidth} onChange={setBandwidth} required />}
            </>
          ) : (
            <p className="field-hint">{t('instances.extrasSingleOnly')}</p>
          )}
        </>
      )}
    </FormDialog>
  )
}

export function ModifyInstanceDialog({ instance, onClose, onDone }: { instance: Instance; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(instance.instance_name)
  const [description, setDescription] = useState(instance.description ?? '')
  return (
    <FormDialog
      title={t('instances.modifyTitle', { id: instance.instance_id })}
      submitLabel={t('common.save')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'ModifyInstanceAttributes', { instance: instance.instance_id, instance_name: name, description })
        onDone()
      }}
    >
      <TextField label={t('instances.name')} value={name} onChange={setName} />
      <TextField label={t('instances.description')} value={description} onChange={setDescription} multiline />
    </FormDialog>
  )
}

export function ResizeDialog({ instances, onClose, onDone }: { instances: Instance[]; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [types, setTypes] = useState<InstanceType[] | null>(null)
  const [type, setType] = useState('')
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    call<DescribeReply<'instance_type_set', InstanceType>>('iaas', 'DescribeInstanceTypes', {})
      .then((r) => {
        setTypes(r.instance_type_set)
        setType(r.instance_type_set[0]?.instance_type_id ?? '')
      })
      .catch(setError)
  }, [])
  return (
    <FormDialog
      title={t('instances.resizeTitle')}
      submitLabel={t('instances.resize')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ job_id: string }>('iaas', 'ResizeInstances', { instances: instances.map((i) => i.instance_id), instance_type: type })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <p>{instances.map((i) => i.instance_id).join(', ')}</p>
      <ErrorNotice error={error} />
      {types && <SelectField label={t('instances.type')} value={type} onChange={setType} options={types.map((it) => ({ value: it.instance_type_id, label: typeLabel(it) }))} hint={t('instances.resizeHint')} />}
    </FormDialog>
  )
}

export function ResetDialog({ instances, onClose, onDone }: { instances: Instance[]; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [keypairs, setKeypairs] = useState<KeyPair[]>([])
  const [loginMode, setLoginMode] = useState<'keypair' | 'passwd'>('passwd')
  const [keypair, setKeypair] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    call<DescribeReply<'keypair_set', KeyPair>>('iaas', 'DescribeKeyPairs', { limit: 100 })
      .then((r) => {
        setKeypairs(r.keypair_set)
        setKeypair(r.keypair_set[0]?.keypair_id ?? '')
      })
      .catch(setError)
  }, [])
  return (
    <FormDialog
      title={t('instances.resetTitle')}
      submitLabel={t('instances.reset')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ job_id: string }>('iaas', 'ResetInstances', {
          instances: instances.map((i) => i.instance_id),
          login_mode: loginMode,
          login_keypair: loginMode === 'keypair' ? keypair : undefined,
          login_passwd: loginMode === 'passwd' ? password : undefined,
        })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <p className="notice notice-warning">{t('instances.resetWarning', { ids: instances.map((i) => i.instance_id).join(', ') })}</p>
      <ErrorNotice error={error} />
      <SelectField
        label={t('instances.loginMode')}
        value={loginMode}
        onChange={(v) => setLoginMode(v === 'keypair' ? 'keypair' : 'passwd')}
        options={[
          { value: 'passwd', label: t('instances.loginPasswd') },
          { value: 'keypair', label: t('instances.loginKeypair') },
        ]}
      />
      {loginMode === 'keypair' ? (
        <SelectField label={t('instances.keypair')} value={keypair} onChange={setKeypair} options={keypairs.map((k) => ({ value: k.keypair_id, label: named(k.keypair_id, k.keypair_name) }))} />
      ) : (
        <TextField label={t('instances.password')} type="password" autoComplete="new-password" value={password} onChange={setPassword} required hint={t('instances.passwordHint')} />
      )}
    </FormDialog>
  )
}
