// One load balancer: its settings (ModifyLoadBalancerAttributes), pending changes applied with
// UpdateLoadBalancers ("changes not applied" while is_applied is 0), start/stop/delete, EIPs
// (AssociateEipsToLoadBalancer / DissociateEipsFromLoadBalancer), its network
// (LoadBalancerJoinVxnet / LeaveVxnet), listeners (add, modify, delete; certificates of https and
// ssl listeners with AssociateServerCertsToLBListener / DissociateServerCertsFromLBListener),
// each listener's backends (instances or addresses, with port and weight) and a traffic chart
// from GetLoadBalancerMonitor (decoded by api/monitor.ts).
import { useMemo, useState } from 'react'
import { Link, useParams } from 'wouter'
import { call, optional } from '../../api/client.ts'
import { component, decodeSeries, padWindow, stepSeconds, utc } from '../../api/monitor.ts'
import type { DescribeReply, Eip, Instance, LoadBalancer, LoadBalancerBackend, LoadBalancerListener, LoadBalancerPolicy, MonitorReply, SecurityGroup, ServerCertificate } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { DataTable } from '../../components/DataTable.tsx'
import { Chart, type Series } from '../../components/Chart.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { CheckboxField, FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { useJobs } from '../../components/JobProgress.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { useT } from '../../i18n/index.ts'
import { CheckboxGroup, intOrUndefined, LB_TYPES, timeText, useLoaded } from './shared.tsx'

const PROTOCOLS = ['http', 'https', 'tcp', 'ssl', 'udp']
const BALANCE_MODES = ['roundrobin', 'leastconn', 'source']
const backendProtocolsFor = (protocol: string) => (protocol === 'https' ? ['http', 'https'] : protocol === 'ssl' ? ['tcp', 'ssl'] : [protocol])
const needsCertificate = (protocol: string) => protocol === 'https' || protocol === 'ssl'

type Dialog =
  | { kind: 'modify' | 'associate' | 'dissociate' | 'join' | 'addListener' }
  | { kind: 'modifyListener' | 'certificates'; listener: LoadBalancerListener }
  | { kind: 'addBackend'; listener: LoadBalancerListener }
  | { kind: 'modifyBackend'; backend: LoadBalancerBackend }

export function LoadBalancerDetailPage() {
  const t = useT()
  const { id = '' } = useParams<{ id: string }>()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const close = () => setDialog(null)
  const { data, error, reload } = useLoaded(
    () => call<DescribeReply<'loadbalancer_set', LoadBalancer>>('iaas', 'DescribeLoadBalancers', { loadbalancers: [id], verbose: 1 }).then((r) => r.loadbalancer_set[0] ?? null),
    (lb) => lb !== null && lb.transition_status !== '',
  )
  const lb = data
  const ids = { loadbalancers: [id] }

  return (
    <section>
      <p>
        <Link href="/loadbalancers">{t('loadbalancers.back')}</Link>
      </p>
      <h1>{t('loadbalancers.detailTitle', { id })}</h1>
      <ErrorNotice error={error} />
      {data === null && !error && <p>{t('common.loading')}</p>}
      {lb === null && data !== null && <p>{t('loadbalancers.notFound')}</p>}
      {lb && (
        <>
          <dl className="details">
            <dt>{t('loadbalancers.name')}</dt>
            <dd>{lb.loadbalancer_name || t('common.none')}</dd>
            <dt>{t('loadbalancers.status')}</dt>
            <dd>
              <StatusBadge status={lb.status} transition={lb.transition_status} />
            </dd>
            <dt>{t('loadbalancers.type')}</dt>
            <dd>{t('loadbalancers.typeOption', { type: lb.loadbalancer_type, connections: LB_TYPES[lb.loadbalancer_type] ?? '?' })}</dd>
            <dt>{t('loadbalancers.nodeCount')}</dt>
            <dd>{lb.node_count}</dd>
            <dt>{t('loadbalancers.network')}</dt>
            <dd>{lb.vxnet_id ? `${lb.vxnet_id} ${lb.private_ips.join(', ')}` : t('common.none')}</dd>
            <dt>{t('loadbalancers.eips')}</dt>
            <dd>{lb.eips.length ? lb.eips.map((e) => `${e.eip_addr} (${e.eip_id})`).join(', ') : t('common.none')}</dd>
            <dt>{t('loadbalancers.securityGroup')}</dt>
            <dd>{lb.security_group_id || t('common.none')}</dd>
            <dt>{t('loadbalancers.httpHeaderSize')}</dt>
            <dd>{lb.http_header_size}</dd>
            <dt>{t('loadbalancers.description')}</dt>
            <dd>{lb.description || t('common.none')}</dd>
            <dt>{t('loadbalancers.created')}</dt>
            <dd>{timeText(lb.create_time, t.lang)}</dd>
          </dl>
          {lb.is_applied === 0 && (
            <div className="notice notice-warning" role="status">
              <p>{t('loadbalancers.notAppliedNotice')}</p>
              <ActionButton label={t('loadbalancers.apply')} run={() => call('iaas', 'UpdateLoadBalancers', ids)} onDone={reload} />
            </div>
          )}
          <div className="toolbar">
            <button type="button" onClick={() => setDialog({ kind: 'modify' })}>
              {t('common.modify')}
            </button>
            {lb.status === 'stopped' && <ActionButton label={t('loadbalancers.start')} run={() => call('iaas', 'StartLoadBalancers', ids)} onDone={reload} />}
            {lb.status === 'active' && <ActionButton label={t('loadbalancers.stop')} confirm={t('loadbalancers.confirmStop', { ids: id })} run={() => call('iaas', 'StopLoadBalancers', ids)} onDone={reload} />}
            <button type="button" onClick={() => setDialog({ kind: 'associate' })}>
              {t('loadbalancers.associateEips')}
            </button>
            <button type="button" disabled={lb.eips.length === 0} onClick={() => setDialog({ kind: 'dissociate' })}>
              {t('loadbalancers.dissociateEips')}
            </button>
            <button type="button" disabled={lb.vxnet_id !== ''} onClick={() => setDialog({ kind: 'join' })}>
              {t('loadbalancers.joinVxnet')}
            </button>
            <ActionButton
              label={t('loadbalancers.leaveVxnet')}
              disabled={lb.vxnet_id === ''}
              confirm={t('loadbalancers.confirmLeave', { vxnet: lb.vxnet_id })}
              run={() => call('iaas', 'LoadBalancerLeaveVxnet', { loadbalancer: id, vxnet: lb.vxnet_id })}
              onDone={reload}
            />
            <ActionButton label={t('common.delete')} danger confirm={t('loadbalancers.confirmDelete', { ids: id })} run={() => call('iaas', 'DeleteLoadBalancers', ids)} onDone={reload} />
          </div>
          <Listeners lb={lb} reload={reload} open={setDialog} />
          <Traffic id={id} />
          {dialog?.kind === 'modify' && <ModifyDialog lb={lb} onClose={close} onDone={reload} />}
          {(dialog?.kind === 'associate' || dialog?.kind === 'dissociate') && <EipsDialog kind={dialog.kind} lb={lb} onClose={close} onDone={reload} />}
          {dialog?.kind === 'join' && <JoinDialog lb={lb} onClose={close} onDone={reload} />}
          {dialog?.kind === 'addListener' && <ListenerDialog lb={lb} onClose={close} onDone={reload} />}
          {dialog?.kind === 'modifyListener' && <ListenerDialog lb={lb} listener={dialog.listener} onClose={close} onDone={reload} />}
          {dialog?.kind === 'certificates' && <CertificatesDialog listener={dialog.listener} onClose={close} onDone={reload} />}
          {dialog?.kind === 'addBackend' && <BackendDialog listener={dialog.listener} onClose={close} onDone={reload} />}
          {dialog?.kind === 'modifyBackend' && <BackendDialog backend={dialog.backend} onClose={close} onDone={reload} />}
        </>
      )}
    </section>
  )
}

function Listeners({ lb, reload, open }: { lb: LoadBalancer; reload: () => void; open: (d: Dialog) => void }) {
  const t = useT()
  const listeners = lb.listeners ?? []
  return (
    <section>
      <h2>{t('loadbalancers.listeners')}</h2>
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => open({ kind: 'addListener' })}>
          {t('loadbalancers.addListener')}
        </button>
      </div>
      {listeners.length === 0 && <p>{t('loadbalancers.noListeners')}</p>}
      {listeners.map((l) => (
        <article key={l.loadbalancer_listener_id} className="card" aria-label={t('loadbalancers.listenerLabel', { id: l.loadbalancer_listener_id })}>
          <h3>
            {l.loadbalancer_listener_name || l.loadbalancer_listener_id} — {l.listener_protocol.toUpperCase()} :{l.listener_port} → {l.backend_protocol.toUpperCase()}
          </h3>
          <p>
            <code>{l.loadbalancer_listener_id}</code> · {t('loadbalancers.balanceMode')}: {t.maybe(`loadbalancers.mode.${l.balance_mode}`) ?? l.balance_mode} · {t('loadbalancers.healthCheck')}: {l.healthy_check_method} (
            {l.healthy_check_option}){needsCertificate(l.listener_protocol) && ` · ${t('loadbalancers.certificates')}: ${l.server_certificate_id.join(', ') || t('common.none')}`}
          </p>
          <div className="toolbar">
            <button type="button" onClick={() => open({ kind: 'modifyListener', listener: l })}>
              {t('loadbalancers.modifyListener')}
            </button>
            {needsCertificate(l.listener_protocol) && (
              <button type="button" onClick={() => open({ kind: 'certificates', listener: l })}>
                {t('loadbalancers.manageCertificates')}
              </button>
            )}
            <button type="button" onClick={() => open({ kind: 'addBackend', listener: l })}>
              {t('loadbalancers.addBackend')}
            </button>
            <ActionButton
              label={t('loadbalancers.deleteListener')}
              danger
              confirm={t('loadbalancers.confirmDeleteListener', { id: l.loadbalancer_listener_id })}
              run={() => call('iaas', 'DeleteLoadBalancerListeners', { loadbalancer_listeners: [l.loadbalancer_listener_id] })}
              onDone={reload}
            />
          </div>
          <DataTable
            label={t('loadbalancers.backendsOf', { id: l.loadbalancer_listener_id })}
            columns={[
              {
                header: t('loadbalancers.backend'),
                cell: (b) => (
                  <>
                    {b.loadbalancer_backend_name || t('common.none')} <code>{b.loadbalancer_backend_id}</code>
                  </>
                ),
              },
              { header: t('loadbalancers.resource'), cell: (b) => b.resource_id },
              { header: t('loadbalancers.port'), cell: (b) => b.port },
              { header: t('loadbalancers.weight'), cell: (b) => b.weight },
              {
                header: t('loadbalancers.status'),
                cell: (b) => (
                  <>
                    <span className={`badge badge-${b.status === 'up' ? 'green' : 'grey'}`}>{b.status === 'up' ? t('loadbalancers.up') : t('loadbalancers.down')}</span>
                    {b.disabled === 1 && ` ${t('loadbalancers.disabled')}`}
                  </>
                ),
              },
              {
                header: t('loadbalancers.actions'),
                cell: (b) => (
                  <>
                    <button type="button" onClick={() => open({ kind: 'modifyBackend', backend: b })} aria-label={t('loadbalancers.modifyBackendOf', { id: b.loadbalancer_backend_id })}>
                      {t('common.modify')}
                    </button>
                    <ActionButton
                      label={t('loadbalancers.deleteBackend')}
                      danger
                      confirm={t('loadbalancers.confirmDeleteBackend', { id: b.loadbalancer_backend_id })}
                      run={() => call('iaas', 'DeleteLoadBalancerBackends', { loadbalancer_backends: [b.loadbalancer_backend_id] })}
                      onDone={reload}
                    />
                  </>
                ),
              },
            ]}
            rows={l.backends ?? []}
            rowKey={(b) => b.loadbalancer_backend_id}
            empty={t('loadbalancers.noBackends')}
          />
        </article>
      ))}
    </section>
  )
}

function ModifyDialog({ lb, onClose, onDone }: { lb: LoadBalancer; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(lb.loadbalancer_name)
  const [description, setDescription] = useState(lb.description ?? '')
  const [group, setGroup] = useState(lb.security_group_id)
  const [privateIp, setPrivateIp] = useState(lb.private_ips[0] ?? '')
  const [headerSize, setHeaderSize] = useState(String(lb.http_header_size))
  const [nodeCount, setNodeCount] = useState(String(lb.node_count))
  const groups = useLoaded(() => call<DescribeReply<'security_group_set', SecurityGroup>>('iaas', 'DescribeSecurityGroups', { limit: 100 }).then((r) => r.security_group_set))
  return (
    <FormDialog
      title={t('loadbalancers.modifyTitle', { id: lb.loadbalancer_id })}
      submitLabel={t('common.save')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'ModifyLoadBalancerAttributes', {
          loadbalancer: lb.loadbalancer_id,
          loadbalancer_name: name,
          description,
          security_group: group,
          private_ip: lb.vxnet_id && privateIp !== (lb.private_ips[0] ?? '') ? optional(privateIp) : undefined,
          http_header_size: intOrUndefined(headerSize),
          node_count: intOrUndefined(nodeCount),
        })
        onDone()
      }}
    >
      <TextField label={t('loadbalancers.name')} value={name} onChange={setName} />
      <TextField label={t('loadbalancers.description')} value={description} onChange={setDescription} multiline />
      <ErrorNotice error={groups.error} />
      <SelectField
        label={t('loadbalancers.securityGroup')}
        value={group}
        onChange={setGroup}
        options={(groups.data ?? [{ security_group_id: lb.security_group_id, security_group_name: '' }]).map((g) => ({
          value: g.security_group_id,
          label: g.security_group_name ? `${g.security_group_name} (${g.security_group_id})` : g.security_group_id,
        }))}
      />
      {lb.vxnet_id && <TextField label={t('loadbalancers.privateIp')} value={privateIp} onChange={setPrivateIp} />}
      <TextField label={t('loadbalancers.httpHeaderSize')} value={headerSize} onChange={setHeaderSize} type="number" hint={t('loadbalancers.httpHeaderSizeHint')} />
      <TextField label={t('loadbalancers.nodeCount')} value={nodeCount} onChange={setNodeCount} type="number" />
      <p className="field-hint">{t('loadbalancers.modifyHint')}</p>
    </FormDialog>
  )
}

function EipsDialog({ kind, lb, onClose, onDone }: { kind: 'associate' | 'dissociate'; lb: LoadBalancer; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [chosen, setChosen] = useState<string[]>([])
  const free = useLoaded(() =>
    kind === 'associate' ? call<DescribeReply<'eip_set', Eip>>('iaas', 'DescribeEips', { status: ['available'], limit: 100 }).then((r) => r.eip_set.filter((e) => !e.resource?.resource_id)) : Promise.resolve([] as Eip[]),
  )
  const options = kind === 'associate' ? (free.data ?? []).map((e) => ({ value: e.eip_id, label: `${e.eip_addr} (${e.eip_id})` })) : lb.eips.map((e) => ({ value: e.eip_id, label: `${e.eip_addr} (${e.eip_id})` }))
  const params = { loadbalancer: lb.loadbalancer_id, eips: chosen }
  return (
    <FormDialog
      title={kind === 'associate' ? t('loadbalancers.associateEips') : t('loadbalancers.dissociateEips')}
      submitLabel={kind === 'associate' ? t('loadbalancers.associate') : t('loadbalancers.dissociate')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = kind === 'associate' ? await call<{ job_id: string }>('iaas', 'AssociateEipsToLoadBalancer', params) : await call<{ job_id: string }>('iaas', 'DissociateEipsFromLoadBalancer', params)
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <ErrorNotice error={free.error} />
      <CheckboxGroup legend={t('loadbalancers.eips')} options={options} value={chosen} onChange={setChosen} empty={t('loadbalancers.noFreeEips')} />
    </FormDialog>
  )
}

function JoinDialog({ lb, onClose, onDone }: { lb: LoadBalancer; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [vxnet, setVxnet] = useState('vxnet-0')
  const [privateIp, setPrivateIp] = useState('')
  const vxnets = useLoaded(() => call<DescribeReply<'vxnet_set', { vxnet_id: string; vxnet_name: string }>>('iaas', 'DescribeVxnets', { limit: 100 }).then((r) => r.vxnet_set))
  return (
    <FormDialog
      title={t('loadbalancers.joinVxnet')}
      submitLabel={t('loadbalancers.join')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ job_id: string }>('iaas', 'LoadBalancerJoinVxnet', { loadbalancer: lb.loadbalancer_id, vxnet, private_ip: optional(privateIp) })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <ErrorNotice error={vxnets.error} />
      <SelectField
        label={t('loadbalancers.vxnet')}
        value={vxnet}
        onChange={setVxnet}
        options={[{ value: 'vxnet-0', label: 'vxnet-0' }, ...(vxnets.data ?? []).filter((v) => v.vxnet_id !== 'vxnet-0').map((v) => ({ value: v.vxnet_id, label: v.vxnet_name ? `${v.vxnet_name} (${v.vxnet_id})` : v.vxnet_id }))]}
      />
      <TextField label={t('loadbalancers.privateIp')} value={privateIp} onChange={setPrivateIp} hint={t('loadbalancers.privateIpHint')} />
    </FormDialog>
  )
}

function ListenerDialog({ lb, listener, onClose, onDone }: { lb: LoadBalancer; listener?: LoadBalancerListener; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(listener?.loadbalancer_listener_name ?? '')
  const [protocol, setProtocol] = useState(listener?.listener_protocol ?? 'http')
  const [port, setPort] = useState(listener ? String(listener.listener_port) : '80')
  const [backendProtocol, setBackendProtocol] = useState(listener?.backend_protocol ?? 'http')
  const [balanceMode, setBalanceMode] = useState(listener?.balance_mode ?? 'roundrobin')
  const [sticky, setSticky] = useState(listener?.session_sticky ?? '')
  const [healthMethod, setHealthMethod] = useState(listener?.healthy_check_method ?? 'tcp')
  const [healthOption, setHealthOption] = useState(listener?.healthy_check_option ?? '10|5|2|5')
  const [timeout, setTimeoutText] = useState(listener ? String(listener.timeout) : '50')
  const [certificates, setCertificates] = useState<string[]>(listener?.server_certificate_id ?? [])
  const certs = useLoaded(() => call<DescribeReply<'server_certificate_set', ServerCertificate>>('iaas', 'DescribeServerCertificates', { limit: 100 }).then((r) => r.server_certificate_set))
  const backendProtocols = backendProtocolsFor(protocol)
  const settings = {
    loadbalancer_listener_name: name,
    balance_mode: balanceMode,
    session_sticky: protocol === 'http' || protocol === 'https' ? sticky : undefined,
    healthy_check_method: healthMethod,
    healthy_check_option: healthOption,
    timeout: intOrUndefined(timeout),
  }
  return (
    <FormDialog
      title={listener ? t('loadbalancers.modifyListenerTitle', { id: listener.loadbalancer_listener_id }) : t('loadbalancers.addListener')}
      submitLabel={listener ? t('common.save') : t('loadbalancers.add')}
      onClose={onClose}
      wide
      onSubmit={async () => {
        if (listener) await call('iaas', 'ModifyLoadBalancerListenerAttributes', { loadbalancer_listener: listener.loadbalancer_listener_id, ...settings, session_sticky: settings.session_sticky === '' ? ' ' : settings.session_sticky })
        else
          await call('iaas', 'AddLoadBalancerListeners', {
            loadbalancer: lb.loadbalancer_id,
            listeners: [
              {
                listener_protocol: protocol,
                listener_port: intOrUndefined(port),
                backend_protocol: backendProtocols.includes(backendProtocol) ? backendProtocol : backendProtocols[0],
                ...settings,
                server_certificate_id: needsCertificate(protocol) && certificates.length ? certificates.join(',') : undefined,
              },
            ],
          })
        onDone()
      }}
    >
      <TextField label={t('loadbalancers.listenerName')} value={name} onChange={setName} />
      {!listener && (
        <>
          <SelectField
            label={t('loadbalancers.protocol')}
            value={protocol}
            onChange={(p) => {
              setProtocol(p)
              setBackendProtocol(backendProtocolsFor(p)[0] ?? p)
              if (p === 'udp') setHealthMethod('udp')
              else if (healthMethod === 'udp') setHealthMethod('tcp')
            }}
            options={PROTOCOLS.map((p) => ({ value: p, label: p.toUpperCase() }))}
          />
          <TextField label={t('loadbalancers.port')} value={port} onChange={setPort} type="number" required />
          <SelectField label={t('loadbalancers.backendProtocol')} value={backendProtocol} onChange={setBackendProtocol} options={backendProtocols.map((p) => ({ value: p, label: p.toUpperCase() }))} />
        </>
      )}
      <SelectField label={t('loadbalancers.balanceMode')} value={balanceMode} onChange={setBalanceMode} options={BALANCE_MODES.map((m) => ({ value: m, label: t.maybe(`loadbalancers.mode.${m}`) ?? m }))} />
      {(protocol === 'http' || protocol === 'https') && <TextField label={t('loadbalancers.sessionSticky')} value={sticky} onChange={setSticky} hint={t('loadbalancers.sessionStickyHint')} />}
      <TextField label={t('loadbalancers.healthCheckMethod')} value={healthMethod} onChange={setHealthMethod} hint={t('loadbalancers.healthCheckMethodHint')} />
      <TextField label={t('loadbalancers.healthCheckOption')} value={healthOption} onChange={setHealthOption} hint={t('loadbalancers.healthCheckOptionHint')} />
      <TextField label={t('loadbalancers.timeout')} value={timeout} onChange={setTimeoutText} type="number" />
      {!listener && needsCertificate(protocol) && (
        <>
          <ErrorNotice error={certs.error} />
          <CheckboxGroup
            legend={t('loadbalancers.certificates')}
            options={(certs.data ?? []).map((c) => ({ value: c.server_certificate_id, label: c.server_certificate_name ? `${c.server_certificate_name} (${c.server_certificate_id})` : c.server_certificate_id }))}
            value={certificates}
            onChange={setCertificates}
            empty={t('loadbalancers.noCertificates')}
          />
        </>
      )}
    </FormDialog>
  )
}

/** The certificates an https/ssl listener presents: tick to associate, untick to dissociate. */
function CertificatesDialog({ listener, onClose, onDone }: { listener: LoadBalancerListener; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [chosen, setChosen] = useState<string[]>(listener.server_certificate_id)
  const certs = useLoaded(() => call<DescribeReply<'server_certificate_set', ServerCertificate>>('iaas', 'DescribeServerCertificates', { limit: 100 }).then((r) => r.server_certificate_set))
  return (
    <FormDialog
      title={t('loadbalancers.certificatesTitle', { id: listener.loadbalancer_listener_id })}
      submitLabel={t('common.save')}
      onClose={onClose}
      onSubmit={async () => {
        const added = chosen.filter((c) => !listener.server_certificate_id.includes(c))
        const removed = listener.server_certificate_id.filter((c) => !chosen.includes(c))
        // associate first: a listener that must present one is never left without
        if (added.length) await call('iaas', 'AssociateServerCertsToLBListener', { loadbalancer_listener: listener.loadbalancer_listener_id, server_certificates: added })
        if (removed.length) await call('iaas', 'DissociateServerCertsFromLBListener', { loadbalancer_listener: listener.loadbalancer_listener_id, server_certificates: removed })
        onDone()
      }}
    >
      <ErrorNotice error={certs.error} />
      <CheckboxGroup
        legend={t('loadbalancers.certificates')}
        options={(certs.data ?? []).map((c) => ({ value: c.server_certificate_id, label: c.server_certificate_name ? `${c.server_certificate_name} (${c.server_certificate_id})` : c.server_certificate_id }))}
        value={chosen}
        onChange={setChosen}
        empty={t('loadbalancers.noCertificates')}
      />
    </FormDialog>
  )
}

function BackendDialog({ listener, backend, onClose, onDone }: { listener?: LoadBalancerListener; backend?: LoadBalancerBackend; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [kind, setKind] = useState<'instance' | 'address'>('instance')
  const [instance, setInstance] = useState('')
  const [address, setAddress] = useState('')
  const [port, setPort] = useState(backend ? String(backend.port) : '80')
  const [weight, setWeight] = useState(backend ? String(backend.weight) : '1')
  const [name, setName] = useState(backend?.loadbalancer_backend_name ?? '')
  const [policy, setPolicy] = useState(backend?.loadbalancer_policy_id ?? '')
  const [disabled, setDisabled] = useState(backend?.disabled === 1)
  const options = useLoaded(async () => {
    const [i, p] = await Promise.all([
      backend ? Promise.resolve({ instance_set: [] as Instance[] }) : call<DescribeReply<'instance_set', Instance>>('iaas', 'DescribeInstances', { status: ['running', 'stopped'], limit: 100 }),
      call<DescribeReply<'loadbalancer_policy_set', LoadBalancerPolicy>>('iaas', 'DescribeLoadBalancerPolicies', { limit: 100 }),
    ])
    if (!backend && i.instance_set[0]) setInstance((old) => old || (i.instance_set[0]?.instance_id ?? ''))
    return { instances: i.instance_set, policies: p.loadbalancer_policy_set }
  })
  const policyOptions = [
    { value: '', label: t('loadbalancers.noPolicy') },
    ...(options.data?.policies ?? []).map((p) => ({ value: p.loadbalancer_policy_id, label: p.loadbalancer_policy_name ? `${p.loadbalancer_policy_name} (${p.loadbalancer_policy_id})` : p.loadbalancer_policy_id })),
  ]
  return (
    <FormDialog
      title={backend ? t('loadbalancers.modifyBackendTitle', { id: backend.loadbalancer_backend_id }) : t('loadbalancers.addBackendTitle', { id: listener?.loadbalancer_listener_id ?? '' })}
      submitLabel={backend ? t('common.save') : t('loadbalancers.add')}
      onClose={onClose}
      onSubmit={async () => {
        if (backend)
          await call('iaas', 'ModifyLoadBalancerBackendAttributes', {
            loadbalancer_backend: backend.loadbalancer_backend_id,
            port: intOrUndefined(port),
            weight: intOrUndefined(weight),
            disabled,
            loadbalancer_backend_name: name === '' ? ' ' : name,
            loadbalancer_policy_id: policy === '' ? ' ' : policy,
          })
        else
          await call('iaas', 'AddLoadBalancerBackends', {
            loadbalancer_listener: listener?.loadbalancer_listener_id,
            backends: [{ resource_id: kind === 'instance' ? instance : address.trim(), port: intOrUndefined(port), weight: intOrUndefined(weight), loadbalancer_backend_name: optional(name), loadbalancer_policy_id: optional(policy) }],
          })
        onDone()
      }}
    >
      <ErrorNotice error={options.error} />
      {!backend && (
        <>
          <SelectField
            label={t('loadbalancers.backendKind')}
            value={kind}
            onChange={(v) => setKind(v === 'address' ? 'address' : 'instance')}
            options={[
              { value: 'instance', label: t('loadbalancers.kindInstance') },
              { value: 'address', label: t('loadbalancers.kindAddress') },
            ]}
          />
          {kind === 'instance' ? (
            <SelectField
              label={t('loadbalancers.instance')}
              value={instance}
              onChange={setInstance}
              options={(options.data?.instances ?? []).map((i) => ({ value: i.instance_id, label: i.instance_name ? `${i.instance_name} (${i.instance_id})` : i.instance_id }))}
            />
          ) : (
            <TextField label={t('loadbalancers.address')} value={address} onChange={setAddress} required hint={t('loadbalancers.addressHint')} />
          )}
        </>
      )}
      <TextField label={t('loadbalancers.port')} value={port} onChange={setPort} type="number" required />
      <TextField label={t('loadbalancers.weight')} value={weight} onChange={setWeight} type="number" hint={t('loadbalancers.weightHint')} />
      <TextField label={t('loadbalancers.backendName')} value={name} onChange={setName} />
      <SelectField label={t('loadbalancers.policy')} value={policy} onChange={setPolicy} options={policyOptions} />
      {backend && <CheckboxField label={t('loadbalancers.disableBackend')} checked={disabled} onChange={setDisabled} />}
    </FormDialog>
  )
}

const RANGES = [
  { key: '6h', hours: 6, step: '5m' },
  { key: '1d', hours: 24, step: '15m' },
  { key: '2w', hours: 24 * 14, step: '2h' },
] as const

/** Traffic in and out per EIP over a chosen range (GetLoadBalancerMonitor, meter traffic, bytes/s). */
function Traffic({ id }: { id: string }) {
  const t = useT()
  const [range, setRange] = useState<(typeof RANGES)[number]['key']>('6h')
  const chosen = RANGES.find((r) => r.key === range) ?? RANGES[0]
  return (
    <section>
      <h2>{t('loadbalancers.traffic')}</h2>
      <SelectField
        label={t('loadbalancers.range')}
        value={range}
        onChange={(v) => setRange(RANGES.find((r) => r.key === v)?.key ?? '6h')}
        options={RANGES.map((r) => ({ value: r.key, label: t.maybe(`loadbalancers.range.${r.key}`) ?? r.key }))}
      />
      <TrafficChart key={range} id={id} step={chosen.step} hours={chosen.hours} />
    </section>
  )
}

/** One range's chart (keyed by the range: a new range is a new read). */
function TrafficChart({ id, step, hours }: { id: string; step: string; hours: number }) {
  const t = useT()
  const { data, error } = useLoaded(() => {
    const end = Date.now()
    const start = end - hours * 3600_000
    return call<MonitorReply>('iaas', 'GetLoadBalancerMonitor', { resource: id, meters: ['traffic'], step, start_time: utc(start), end_time: utc(end) }).then((reply) => ({ reply, start, end }))
  })
  const series = useMemo<Series[]>(() => {
    if (!data) return []
    return (data.reply.meter_set[0]?.data_set ?? []).flatMap((set) => {
      const decoded = decodeSeries(set.data, stepSeconds(step))
      // empty ends at the window's edges: the time axis spans the range asked for, not only the points there are
      const points = (index: number) => (decoded.length ? padWindow(component(decoded, index), data.start, data.end) : [])
      const name = set.eip_id || t('loadbalancers.privateTraffic')
      return [
        { label: t('loadbalancers.trafficIn', { eip: name }), points: points(0) },
        { label: t('loadbalancers.trafficOut', { eip: name }), points: points(1) },
      ]
    })
  }, [data, step, t])
  if (error) return <ErrorNotice error={error} />
  if (!data) return <p>{t('common.loading')}</p>
  if (series.every((s) => s.points.length === 0)) return <p>{t('loadbalancers.noTraffic')}</p>
  return <Chart label={t('loadbalancers.traffic')} series={series} unit=" B/s" min={data.start} max={data.end} />
}
