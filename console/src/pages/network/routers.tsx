// Routers (VPC): the list (DescribeRouters, status filter, transitions re-read in place),
// CreateRouters, ModifyRouterAttributes (name, description, EIP, security group), UpdateRouters
// (applies pending changes: is_applied), PowerOn/PowerOffRouters and DeleteRouters, each job
// tracked. The detail page lists the vxnets joined (DescribeRouterVxnets; JoinRouter / LeaveRouter),
// the statics (DescribeRouterStatics; Add/Modify/Delete/CopyRouterStatics) and the entries of a
// chosen static (DescribeRouterStaticEntries; Add/Modify/Delete). The server checks every value of a
// static by its type and answers 1100 naming the field; the dialogs show that message.
import { useState } from 'react'
import { Link, useParams } from 'wouter'
import { call, optional } from '../../api/client.ts'
import type { DescribeReply, Eip, Router, RouterStatic, RouterStaticEntry, RouterVxnet, SecurityGroup } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { CheckboxField, FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { type MessageKey, type Translate, useT } from '../../i18n/index.ts'
import { formatTime, Properties, useResource } from './shared.tsx'
import { JoinRouterDialog } from './vxnets.tsx'

const STATUSES = ['pending', 'active', 'poweroffed', 'suspended', 'deleted', 'ceased']
const TYPES: Array<[number, MessageKey]> = [
  [1, 'routers.typeSmall'],
  [0, 'routers.typeMedium'],
  [2, 'routers.typeLarge'],
  [3, 'routers.typeXLarge'],
]
const STATIC_TYPES: Array<[number, MessageKey]> = [
  [1, 'routers.static1'],
  [2, 'routers.static2'],
  [3, 'routers.static3'],
  [4, 'routers.static4'],
  [5, 'routers.static5'],
  [6, 'routers.static6'],
  [7, 'routers.static7'],
  [8, 'routers.static8'],
]
const VALS = ['val1', 'val2', 'val3', 'val4', 'val5', 'val6'] as const

const fetchRouters = (q: ListQuery) =>
  call<DescribeReply<'router_set', Router>>('iaas', 'DescribeRouters', { ...q, status: q.status ?? ['pending', 'active', 'poweroffed', 'suspended'], verbose: 1 }).then((r) => ({ items: r.router_set, total: r.total_count }))

const typeText = (t: Translate, type: number) => t(TYPES.find(([n]) => n === type)?.[1] ?? 'routers.typeMedium')
const staticTypeText = (t: Translate, type: number) => {
  const key = STATIC_TYPES.find(([n]) => n === type)?.[1]
  return key ? t(key) : String(type)
}
const appliedBadge = (t: Translate, r: Router) => (r.is_applied === 1 ? <span className="badge badge-green">{t('routers.applied')}</span> : <span className="badge badge-amber">{t('routers.notApplied')}</span>)

type Dialog = { kind: 'create' } | { kind: 'modify'; router: Router }

export function RoutersPage() {
  const t = useT()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = () => setReloadKey((n) => n + 1)
  const close = () => setDialog(null)

  const columns: Column<Router>[] = [
    {
      label: t('routers.id'),
      render: (r) => (
        <Link href={`/routers/${r.router_id}`}>
          <code>{r.router_id}</code>
        </Link>
      ),
    },
    { label: t('routers.name'), render: (r) => r.router_name || t('common.none') },
    { label: t('routers.status'), render: (r) => <StatusBadge status={r.status} transition={r.transition_status} /> },
    { label: t('routers.type'), render: (r) => typeText(t, r.router_type) },
    { label: t('routers.vpcNetwork'), render: (r) => r.vpc_network || t('common.none') },
    { label: t('routers.eip'), render: (r) => (r.eip.eip_id ? `${r.eip.eip_addr} (${r.eip.eip_id})` : t('common.none')) },
    { label: t('routers.securityGroup'), render: (r) => r.security_group_id || t('common.none') },
    { label: t('routers.isApplied'), render: (r) => appliedBadge(t, r) },
    { label: t('routers.created'), render: (r) => formatTime(t, r.create_time) },
  ]

  return (
    <section>
      <h1>{t('routers.title')}</h1>
      <ResourceList
        label={t('routers.title')}
        fetch={fetchRouters}
        rowId={(r) => r.router_id}
        columns={columns}
        statuses={STATUSES}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => {
          const ids = selected.map((r) => r.router_id)
          return (
            <>
              <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
                {t('routers.create')}
              </button>
              <button type="button" disabled={selected.length !== 1} onClick={() => selected[0] && setDialog({ kind: 'modify', router: selected[0] })}>
                {t('common.modify')}
              </button>
              <ActionButton label={t('routers.update')} disabled={ids.length === 0} run={() => call('iaas', 'UpdateRouters', { routers: ids })} onDone={reloadList} />
              <ActionButton label={t('routers.powerOn')} disabled={ids.length === 0} run={() => call('iaas', 'PowerOnRouters', { routers: ids })} onDone={reloadList} />
              <ActionButton label={t('routers.powerOff')} disabled={ids.length === 0} confirm={t('routers.confirmPowerOff', { ids: ids.join(', ') })} run={() => call('iaas', 'PowerOffRouters', { routers: ids })} onDone={reloadList} />
              <ActionButton label={t('common.delete')} danger disabled={ids.length === 0} confirm={t('routers.confirmDelete', { ids: ids.join(', ') })} run={() => call('iaas', 'DeleteRouters', { routers: ids })} onDone={reloadList} />
            </>
          )
        }}
      />
      {dialog?.kind === 'create' && <CreateDialog onClose={close} onDone={reload} />}
      {dialog?.kind === 'modify' && <ModifyDialog router={dialog.router} onClose={close} onDone={reload} />}
    </section>
  )
}

/** The caller's security groups as select options. */
function useGroupOptions() {
  return useResource(
    () =>
      call<DescribeReply<'security_group_set', SecurityGroup>>('iaas', 'DescribeSecurityGroups', { limit: 100 }).then((r) =>
        r.security_group_set.map((g) => ({ value: g.security_group_id, label: g.security_group_name ? `${g.security_group_name} (${g.security_group_id})` : g.security_group_id })),
      ),
    [],
  )
}

function CreateDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState('')
  const [type, setType] = useState('1')
  const [network, setNetwork] = useState('192.168.0.0/16')
  const [group, setGroup] = useState('')
  const [count, setCount] = useState('1')
  const groups = useGroupOptions()
  return (
    <FormDialog
      title={t('routers.create')}
      submitLabel={t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'CreateRouters', { router_name: optional(name), router_type: type, vpc_network: optional(network), security_group: optional(group), count: optional(count) })
        onDone()
      }}
    >
      <TextField label={t('routers.name')} value={name} onChange={setName} />
      <SelectField label={t('routers.type')} value={type} onChange={setType} options={TYPES.map(([n, key]) => ({ value: String(n), label: t(key) }))} />
      <TextField label={t('routers.vpcNetwork')} value={network} onChange={setNetwork} hint={t('routers.vpcNetworkHint')} />
      <ErrorNotice error={groups.error} />
      <SelectField label={t('routers.securityGroup')} value={group} onChange={setGroup} options={[{ value: '', label: t('routers.defaultGroup') }, ...(groups.item ?? [])]} />
      <TextField label={t('routers.count')} type="number" value={count} onChange={setCount} />
    </FormDialog>
  )
}

function ModifyDialog({ router, onClose, onDone }: { router: Router; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(router.router_name)
  const [description, setDescription] = useState(router.description)
  const [group, setGroup] = useState(router.security_group_id)
  const [eip, setEip] = useState(router.eip.eip_id)
  const groups = useGroupOptions()
  const eips = useResource(() => call<DescribeReply<'eip_set', Eip>>('iaas', 'DescribeEips', { status: ['available'], limit: 100 }).then((r) => r.eip_set.map((e) => ({ value: e.eip_id, label: `${e.eip_addr} (${e.eip_id})` }))), [])
  const eipOptions = [{ value: '', label: t('routers.noEip') }, ...(router.eip.eip_id ? [{ value: router.eip.eip_id, label: `${router.eip.eip_addr} (${router.eip.eip_id})` }] : []), ...(eips.item ?? [])]
  return (
    <FormDialog
      title={t('routers.modifyTitle', { id: router.router_id })}
      submitLabel={t('common.save')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'ModifyRouterAttributes', {
          router: router.router_id,
          router_name: name,
          description,
          security_group: group !== router.security_group_id ? group : undefined,
          // '' unbinds; left out when unchanged, so a save does not re-bind (and un-apply) the same EIP
          eip: eip !== router.eip.eip_id ? eip : undefined,
        })
        onDone()
      }}
    >
      <TextField label={t('routers.name')} value={name} onChange={setName} />
      <TextField label={t('routers.description')} value={description} onChange={setDescription} multiline />
      <ErrorNotice error={groups.error ?? eips.error} />
      <SelectField label={t('routers.securityGroup')} value={group} onChange={setGroup} options={groups.item ?? [{ value: router.security_group_id, label: router.security_group_id }]} />
      <SelectField label={t('routers.eip')} value={eip} onChange={setEip} options={eipOptions} hint={t('routers.eipHint')} />
    </FormDialog>
  )
}

type DetailDialog =
  | { kind: 'joinVxnet' }
  | { kind: 'addStatic' }
  | { kind: 'modifyStatic'; item: RouterStatic }
  | { kind: 'copyStatics'; ids: string[] }
  | { kind: 'addEntry'; staticId: string }
  | { kind: 'modifyEntry'; entry: RouterStaticEntry }

export function RouterPage() {
  const t = useT()
  const { id = '' } = useParams<{ id: string }>()
  const [dialog, setDialog] = useState<DetailDialog | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const [staticId, setStaticId] = useState('')
  const { item: router, error, reload: reloadRouter } = useResource(() => call<DescribeReply<'router_set', Router>>('iaas', 'DescribeRouters', { routers: [id], verbose: 1 }).then((r) => r.router_set[0]), [id])
  const { item: statics } = useResource(() => call<DescribeReply<'router_static_set', RouterStatic>>('iaas', 'DescribeRouterStatics', { router: id, limit: 100 }).then((r) => r.router_static_set), [id, reloadKey])
  const reload = () => {
    setReloadKey((n) => n + 1)
    reloadRouter()
  }
  const close = () => setDialog(null)
  const withEntries = (statics ?? []).filter((s) => [2, 6, 7].includes(s.static_type))
  const shownStatic = staticId || withEntries[0]?.router_static_id || ''

  const vxnetColumns: Column<RouterVxnet>[] = [
    {
      label: t('routers.vxnet'),
      render: (v) => (
        <Link href={`/vxnets/${v.vxnet_id}`}>
          <code>{v.vxnet_id}</code>
        </Link>
      ),
    },
    { label: t('routers.name'), render: (v) => v.vxnet_name || t('common.none') },
    { label: t('routers.ipNetwork'), render: (v) => v.ip_network },
    { label: t('routers.managerIp'), render: (v) => v.manager_ip },
    { label: t('routers.dhcpRange'), render: (v) => `${v.dyn_ip_start}–${v.dyn_ip_end}` },
  ]
  const staticColumns: Column<RouterStatic>[] = [
    { label: t('routers.staticId'), render: (s) => <code>{s.router_static_id}</code> },
    { label: t('routers.name'), render: (s) => s.router_static_name || t('common.none') },
    { label: t('routers.staticType'), render: (s) => staticTypeText(t, s.static_type) },
    {
      label: t('routers.values'),
      render: (s) =>
        VALS.map((v) => s[v])
          .filter((v) => v !== '')
          .join(' · ') || t('common.none'),
    },
    { label: t('routers.disabled'), render: (s) => (s.disabled === 1 ? t('routers.yes') : t('routers.no')) },
    { label: t('routers.entries'), render: (s) => s.entry_set.length },
  ]
  const entryColumns: Column<RouterStaticEntry>[] = [
    { label: t('routers.entryId'), render: (e) => <code>{e.router_static_entry_id}</code> },
    { label: t('routers.name'), render: (e) => e.router_static_entry_name || t('common.none') },
    { label: t('routers.entryVal1'), render: (e) => e.val1 || t('common.none') },
    { label: t('routers.entryVal2'), render: (e) => e.val2 || t('common.none') },
  ]

  return (
    <section>
      <p>
        <Link href="/routers">{t('routers.back')}</Link>
      </p>
      <h1>{t('routers.detailTitle', { id })}</h1>
      <ErrorNotice error={error} />
      {router === null && <p>{t('routers.notFound')}</p>}
      {router && (
        <>
          <Properties
            label={t('routers.properties')}
            rows={[
              [t('routers.id'), <code key="id">{router.router_id}</code>],
              [t('routers.name'), router.router_name || t('common.none')],
              [t('routers.status'), <StatusBadge key="status" status={router.status} transition={router.transition_status} />],
              [t('routers.type'), typeText(t, router.router_type)],
              [t('routers.vpcNetwork'), router.vpc_network || t('common.none')],
              [t('routers.privateIp'), router.private_ip || t('common.none')],
              [t('routers.eip'), router.eip.eip_id ? `${router.eip.eip_addr} (${router.eip.eip_id})` : t('common.none')],
              [t('routers.securityGroup'), router.security_group_id || t('common.none')],
              [t('routers.isApplied'), appliedBadge(t, router)],
              [t('routers.description'), router.description || t('common.none')],
              [t('routers.created'), formatTime(t, router.create_time)],
            ]}
          />
          {router.is_applied !== 1 && (
            <div className="notice notice-warning">
              <p>{t('routers.unappliedHint')}</p>
              <ActionButton label={t('routers.update')} run={() => call('iaas', 'UpdateRouters', { routers: [id] })} onDone={reload} />
            </div>
          )}
        </>
      )}

      <h2>{t('routers.vxnets')}</h2>
      <ResourceList
        label={t('routers.vxnets')}
        fetch={(q) => call<DescribeReply<'router_vxnet_set', RouterVxnet>>('iaas', 'DescribeRouterVxnets', { router: id, offset: q.offset, limit: q.limit }).then((r) => ({ items: r.router_vxnet_set, total: r.total_count }))}
        rowId={(v) => v.vxnet_id}
        columns={vxnetColumns}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => (
          <>
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'joinVxnet' })}>
              {t('routers.joinVxnet')}
            </button>
            <ActionButton
              label={t('routers.leaveVxnet')}
              danger
              disabled={selected.length === 0}
              confirm={t('routers.confirmLeave', { ids: selected.map((v) => v.vxnet_id).join(', ') })}
              run={() => call('iaas', 'LeaveRouter', { router: id, vxnets: selected.map((v) => v.vxnet_id) })}
              onDone={reloadList}
            />
          </>
        )}
      />

      <h2>{t('routers.statics')}</h2>
      <ResourceList
        label={t('routers.statics')}
        fetch={(q) => call<DescribeReply<'router_static_set', RouterStatic>>('iaas', 'DescribeRouterStatics', { router: id, offset: q.offset, limit: q.limit }).then((r) => ({ items: r.router_static_set, total: r.total_count }))}
        rowId={(s) => s.router_static_id}
        columns={staticColumns}
        reloadKey={reloadKey}
        toolbar={({ selected }) => (
          <>
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'addStatic' })}>
              {t('routers.addStatic')}
            </button>
            <button type="button" disabled={selected.length !== 1} onClick={() => selected[0] && setDialog({ kind: 'modifyStatic', item: selected[0] })}>
              {t('routers.modifyStatic')}
            </button>
            <button type="button" disabled={selected.length === 0} onClick={() => setDialog({ kind: 'copyStatics', ids: selected.map((s) => s.router_static_id) })}>
              {t('routers.copyStatics')}
            </button>
            <ActionButton
              label={t('routers.deleteStatics')}
              danger
              disabled={selected.length === 0}
              confirm={t('routers.confirmDeleteStatics', { ids: selected.map((s) => s.router_static_id).join(', ') })}
              run={() => call('iaas', 'DeleteRouterStatics', { router_statics: selected.map((s) => s.router_static_id) })}
              onDone={reload}
            />
          </>
        )}
      />

      <h2>{t('routers.entriesTitle')}</h2>
      {withEntries.length === 0 ? (
        <p className="muted">{t('routers.noEntryStatics')}</p>
      ) : (
        <>
          <SelectField
            label={t('routers.entriesOf')}
            value={shownStatic}
            onChange={setStaticId}
            options={withEntries.map((s) => ({ value: s.router_static_id, label: `${s.router_static_name || s.router_static_id} (${staticTypeText(t, s.static_type)})` }))}
          />
          <ResourceList
            key={shownStatic}
            label={t('routers.entriesTitle')}
            fetch={(q) =>
              call<DescribeReply<'router_static_entry_set', RouterStaticEntry>>('iaas', 'DescribeRouterStaticEntries', { router_static: shownStatic, offset: q.offset, limit: q.limit }).then((r) => ({
                items: r.router_static_entry_set,
                total: r.total_count,
              }))
            }
            rowId={(e) => e.router_static_entry_id}
            columns={entryColumns}
            reloadKey={reloadKey}
            toolbar={({ selected }) => (
              <>
                <button type="button" className="primary" onClick={() => setDialog({ kind: 'addEntry', staticId: shownStatic })}>
                  {t('routers.addEntry')}
                </button>
                <button type="button" disabled={selected.length !== 1} onClick={() => selected[0] && setDialog({ kind: 'modifyEntry', entry: selected[0] })}>
                  {t('routers.modifyEntry')}
                </button>
                <ActionButton
                  label={t('routers.deleteEntries')}
                  danger
                  disabled={selected.length === 0}
                  confirm={t('routers.confirmDeleteEntries', { ids: selected.map((e) => e.router_static_entry_id).join(', ') })}
                  run={() => call('iaas', 'DeleteRouterStaticEntries', { router_static_entries: selected.map((e) => e.router_static_entry_id) })}
                  onDone={reload}
                />
              </>
            )}
          />
        </>
      )}

      {dialog?.kind === 'joinVxnet' && <JoinRouterDialog router={id} onClose={close} onDone={reload} />}
      {dialog?.kind === 'addStatic' && <StaticDialog routerId={id} onClose={close} onDone={reload} />}
      {dialog?.kind === 'modifyStatic' && <StaticDialog routerId={id} item={dialog.item} onClose={close} onDone={reload} />}
      {dialog?.kind === 'copyStatics' && <CopyStaticsDialog routerId={id} ids={dialog.ids} onClose={close} onDone={reload} />}
      {dialog?.kind === 'addEntry' && <EntryDialog staticId={dialog.staticId} onClose={close} onDone={reload} />}
      {dialog?.kind === 'modifyEntry' && <EntryDialog entry={dialog.entry} onClose={close} onDone={reload} />}
    </section>
  )
}

/** Adds a static of a chosen type, or modifies `item` (its type is fixed). val1–val6 mean what the type says (hint). */
function StaticDialog({ routerId, item, onClose, onDone }: { routerId: string; item?: RouterStatic; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [type, setType] = useState(String(item?.static_type ?? 1))
  const [name, setName] = useState(item?.router_static_name ?? '')
  const [disabled, setDisabled] = useState(item?.disabled === 1)
  const [vals, setVals] = useState<Record<(typeof VALS)[number], string>>({ val1: item?.val1 ?? '', val2: item?.val2 ?? '', val3: item?.val3 ?? '', val4: item?.val4 ?? '', val5: item?.val5 ?? '', val6: item?.val6 ?? '' })
  const hint = t.maybe(`routers.staticHint${type}`)
  return (
    <FormDialog
      title={item ? t('routers.modifyStaticTitle', { id: item.router_static_id }) : t('routers.addStaticTitle', { id: routerId })}
      submitLabel={item ? t('common.save') : t('routers.addStatic')}
      wide
      onClose={onClose}
      onSubmit={async () => {
        const values = Object.fromEntries(VALS.map((v) => [v, vals[v].trim()]))
        if (item) await call('iaas', 'ModifyRouterStaticAttributes', { router_static: item.router_static_id, router_static_name: name, disabled, ...values })
        else await call('iaas', 'AddRouterStatics', { router: routerId, statics: [{ static_type: type, router_static_name: optional(name), disabled: disabled || undefined, ...values }] })
        onDone()
      }}
    >
      {item ? <p>{staticTypeText(t, item.static_type)}</p> : <SelectField label={t('routers.staticType')} value={type} onChange={setType} options={STATIC_TYPES.map(([n, key]) => ({ value: String(n), label: t(key) }))} />}
      {hint && <p className="field-hint">{hint}</p>}
      <TextField label={t('routers.name')} value={name} onChange={setName} />
      {VALS.map((v, i) => (
        <TextField key={v} label={t('routers.val', { n: i + 1 })} value={vals[v]} onChange={(value) => setVals({ ...vals, [v]: value })} />
      ))}
      <CheckboxField label={t('routers.disabled')} checked={disabled} onChange={setDisabled} />
    </FormDialog>
  )
}

function CopyStaticsDialog({ routerId, ids, onClose, onDone }: { routerId: string; ids: string[]; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [dest, setDest] = useState('')
  const routers = useResource(
    () =>
      call<DescribeReply<'router_set', Router>>('iaas', 'DescribeRouters', { status: ['active', 'poweroffed'], limit: 100 }).then((r) =>
        r.router_set.filter((x) => x.router_id !== routerId).map((x) => ({ value: x.router_id, label: x.router_name ? `${x.router_name} (${x.router_id})` : x.router_id })),
      ),
    [routerId],
  )
  const chosen = dest || routers.item?.[0]?.value || ''
  return (
    <FormDialog
      title={t('routers.copyStaticsTitle', { ids: ids.join(', ') })}
      submitLabel={t('routers.copyStatics')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'CopyRouterStatics', { source_router: routerId, dest_router: chosen, router_statics: ids })
        onDone()
      }}
    >
      <ErrorNotice error={routers.error} />
      <SelectField label={t('routers.destRouter')} value={chosen} onChange={setDest} options={routers.item?.length ? routers.item : [{ value: '', label: t('routers.noOtherRouters') }]} />
    </FormDialog>
  )
}

function EntryDialog({ staticId, entry, onClose, onDone }: { staticId?: string; entry?: RouterStaticEntry; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(entry?.router_static_entry_name ?? '')
  const [val1, setVal1] = useState(entry?.val1 ?? '')
  const [val2, setVal2] = useState(entry?.val2 ?? '')
  return (
    <FormDialog
      title={entry ? t('routers.modifyEntryTitle', { id: entry.router_static_entry_id }) : t('routers.addEntryTitle', { id: staticId ?? '' })}
      submitLabel={entry ? t('common.save') : t('routers.addEntry')}
      onClose={onClose}
      onSubmit={async () => {
        if (entry) await call('iaas', 'ModifyRouterStaticEntryAttributes', { router_static_entry: entry.router_static_entry_id, router_static_entry_name: name, val1: val1.trim(), val2: val2.trim() })
        else await call('iaas', 'AddRouterStaticEntries', { router_static: staticId, entries: [{ router_static_entry_name: optional(name), val1: val1.trim(), val2: val2.trim() }] })
        onDone()
      }}
    >
      <p className="field-hint">{t('routers.entryHint')}</p>
      <TextField label={t('routers.name')} value={name} onChange={setName} />
      <TextField label={t('routers.entryVal1')} value={val1} onChange={setVal1} />
      <TextField label={t('routers.entryVal2')} value={val2} onChange={setVal2} />
    </FormDialog>
  )
}
