// Security groups: the list (DescribeSecurityGroups, with is_applied and the instances inside),
// create / modify / delete, and a detail page per group with its rules (DescribeSecurityGroupRules):
// add and modify a rule (the server checks it and answers 1100 naming the field, shown in the
// dialog), delete rules, and ApplySecurityGroup — to the group's own instances, or moving an instance
// into the group — whose job is tracked until it ends. Rules change nothing on instances until applied,
// which is why is_applied is shown prominently.
import { useState } from 'react'
import { Link, useParams } from 'wouter'
import { call, optional } from '../../api/client.ts'
import type { DescribeReply, SecurityGroup, SecurityGroupRule } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { useJobs } from '../../components/JobProgress.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { type Translate, useT } from '../../i18n/index.ts'
import { formatTime, InstanceSelect, Properties, useResource } from './shared.tsx'

const PROTOCOLS = ['tcp', 'udp', 'icmp', 'gre', 'esp', 'ah', 'ipip']

const fetchGroups = (q: ListQuery) => call<DescribeReply<'security_group_set', SecurityGroup>>('iaas', 'DescribeSecurityGroups', { ...q, verbose: 1 }).then((r) => ({ items: r.security_group_set, total: r.total_count }))

function Applied({ group }: { group: SecurityGroup }) {
  const t = useT()
  return group.is_applied === 1 ? <span className="badge badge-green">{t('securitygroups.applied')}</span> : <span className="badge badge-amber">{t('securitygroups.notApplied')}</span>
}

type Dialog = { kind: 'create' } | { kind: 'modify'; group: SecurityGroup }

export function SecurityGroupsPage() {
  const t = useT()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = () => setReloadKey((n) => n + 1)
  const close = () => setDialog(null)

  const columns: Column<SecurityGroup>[] = [
    {
      label: t('securitygroups.id'),
      render: (g) => (
        <Link href={`/security-groups/${g.security_group_id}`}>
          <code>{g.security_group_id}</code>
        </Link>
      ),
    },
    { label: t('securitygroups.name'), render: (g) => (g.security_group_name || t('common.none')) + (g.is_default === 1 ? ` (${t('securitygroups.default')})` : '') },
    { label: t('securitygroups.isApplied'), render: (g) => <Applied group={g} /> },
    { label: t('securitygroups.instances'), render: (g) => (g.resources?.length ? g.resources.map((r) => r.resource_id).join(', ') : t('common.none')) },
    { label: t('securitygroups.description'), render: (g) => g.description || t('common.none') },
    { label: t('securitygroups.created'), render: (g) => formatTime(t, g.create_time) },
  ]

  return (
    <section>
      <h1>{t('securitygroups.title')}</h1>
      <ResourceList
        label={t('securitygroups.title')}
        fetch={fetchGroups}
        rowId={(g) => g.security_group_id}
        columns={columns}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => (
          <>
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
              {t('securitygroups.create')}
            </button>
            <button type="button" disabled={selected.length !== 1} onClick={() => selected[0] && setDialog({ kind: 'modify', group: selected[0] })}>
              {t('common.modify')}
            </button>
            <ActionButton label={t('securitygroups.apply')} disabled={selected.length !== 1} run={() => call('iaas', 'ApplySecurityGroup', { security_group: selected[0]?.security_group_id })} onDone={reloadList} />
            <ActionButton
              label={t('common.delete')}
              danger
              disabled={selected.length === 0}
              confirm={t('securitygroups.confirmDelete', { ids: selected.map((g) => g.security_group_id).join(', ') })}
              run={() => call('iaas', 'DeleteSecurityGroups', { security_groups: selected.map((g) => g.security_group_id) })}
              onDone={reloadList}
            />
          </>
        )}
      />
      {dialog?.kind === 'create' && <CreateGroupDialog onClose={close} onDone={reload} />}
      {dialog?.kind === 'modify' && <ModifyGroupDialog group={dialog.group} onClose={close} onDone={reload} />}
    </section>
  )
}

function CreateGroupDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState('')
  return (
    <FormDialog
      title={t('securitygroups.create')}
      submitLabel={t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'CreateSecurityGroup', { security_group_name: optional(name) })
        onDone()
      }}
    >
      <TextField label={t('securitygroups.name')} value={name} onChange={setName} hint={t('securitygroups.createHint')} />
    </FormDialog>
  )
}

function ModifyGroupDialog({ group, onClose, onDone }: { group: SecurityGroup; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(group.security_group_name)
  const [description, setDescription] = useState(group.description)
  return (
    <FormDialog
      title={t('securitygroups.modifyTitle', { id: group.security_group_id })}
      submitLabel={t('common.save')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'ModifySecurityGroupAttributes', { security_group: group.security_group_id, security_group_name: name, description })
        onDone()
      }}
    >
      <TextField label={t('securitygroups.name')} value={name} onChange={setName} />
      <TextField label={t('securitygroups.description')} value={description} onChange={setDescription} multiline />
    </FormDialog>
  )
}

/** "Inbound" / "Outbound" for direction 0 / 1. */
const directionText = (t: Translate, d: number) => (d === 1 ? t('securitygroups.outbound') : t('securitygroups.inbound'))

type RuleDialog = { kind: 'add' } | { kind: 'modify'; rule: SecurityGroupRule } | { kind: 'applyTo' }

export function SecurityGroupPage() {
  const t = useT()
  const { id = '' } = useParams<{ id: string }>()
  const [dialog, setDialog] = useState<RuleDialog | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const {
    item: group,
    error,
    reload: reloadGroup,
  } = useResource(() => call<DescribeReply<'security_group_set', SecurityGroup>>('iaas', 'DescribeSecurityGroups', { security_groups: [id], verbose: 1 }).then((r) => r.security_group_set[0]), [id])
  const reload = () => {
    setReloadKey((n) => n + 1)
    reloadGroup()
  }
  const close = () => setDialog(null)

  const columns: Column<SecurityGroupRule>[] = [
    { label: t('securitygroups.ruleId'), render: (r) => <code>{r.security_group_rule_id}</code> },
    { label: t('securitygroups.ruleName'), render: (r) => r.security_group_rule_name || t('common.none') },
    { label: t('securitygroups.direction'), render: (r) => directionText(t, r.direction) },
    { label: t('securitygroups.protocol'), render: (r) => r.protocol },
    { label: t('securitygroups.priority'), render: (r) => r.priority },
    { label: t('securitygroups.action'), render: (r) => (r.action === 'drop' ? t('securitygroups.drop') : t('securitygroups.accept')) },
    { label: t('securitygroups.val1'), render: (r) => r.val1 || t('common.none') },
    { label: t('securitygroups.val2'), render: (r) => r.val2 || t('common.none') },
    { label: t('securitygroups.val3'), render: (r) => r.val3 || t('securitygroups.anywhere') },
  ]

  return (
    <section>
      <p>
        <Link href="/security-groups">{t('securitygroups.back')}</Link>
      </p>
      <h1>{t('securitygroups.detailTitle', { id })}</h1>
      <ErrorNotice error={error} />
      {group === null && <p>{t('securitygroups.notFound')}</p>}
      {group && (
        <>
          <Properties
            label={t('securitygroups.properties')}
            rows={[
              [t('securitygroups.id'), <code key="id">{group.security_group_id}</code>],
              [t('securitygroups.name'), group.security_group_name || t('common.none')],
              [t('securitygroups.isApplied'), <Applied key="applied" group={group} />],
              [t('securitygroups.instances'), group.resources?.length ? group.resources.map((r) => r.resource_id).join(', ') : t('common.none')],
              [t('securitygroups.description'), group.description || t('common.none')],
              [t('securitygroups.created'), formatTime(t, group.create_time)],
            ]}
          />
          {group.is_applied !== 1 && <p className="notice notice-warning">{t('securitygroups.unappliedHint')}</p>}
        </>
      )}
      <h2>{t('securitygroups.rules')}</h2>
      <ResourceList
        label={t('securitygroups.rules')}
        fetch={(q) => call<DescribeReply<'security_group_rule_set', SecurityGroupRule>>('iaas', 'DescribeSecurityGroupRules', { ...q, security_group: id }).then((r) => ({ items: r.security_group_rule_set, total: r.total_count }))}
        rowId={(r) => r.security_group_rule_id}
        columns={columns}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => (
          <>
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'add' })}>
              {t('securitygroups.addRule')}
            </button>
            <button type="button" disabled={selected.length !== 1} onClick={() => selected[0] && setDialog({ kind: 'modify', rule: selected[0] })}>
              {t('securitygroups.modifyRule')}
            </button>
            <ActionButton
              label={t('securitygroups.deleteRules')}
              danger
              disabled={selected.length === 0}
              confirm={t('securitygroups.confirmDeleteRules', { ids: selected.map((r) => r.security_group_rule_id).join(', ') })}
              run={() => call('iaas', 'DeleteSecurityGroupRules', { security_group_rules: selected.map((r) => r.security_group_rule_id) })}
              onDone={() => {
                reloadList()
                reloadGroup()
              }}
            />
            <ActionButton label={t('securitygroups.applyChanges')} run={() => call('iaas', 'ApplySecurityGroup', { security_group: id })} onDone={reload} />
            <button type="button" onClick={() => setDialog({ kind: 'applyTo' })}>
              {t('securitygroups.applyTo')}
            </button>
          </>
        )}
      />
      {dialog?.kind === 'add' && <RuleFormDialog groupId={id} onClose={close} onDone={reload} />}
      {dialog?.kind === 'modify' && <RuleFormDialog groupId={id} rule={dialog.rule} onClose={close} onDone={reload} />}
      {dialog?.kind === 'applyTo' && <ApplyToDialog groupId={id} onClose={close} onDone={reload} />}
    </section>
  )
}

/** Adds a rule, or modifies `rule`. Values go to the server as typed: its 1100 names a bad one. */
function RuleFormDialog({ groupId, rule, onClose, onDone }: { groupId: string; rule?: SecurityGroupRule; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(rule?.security_group_rule_name ?? '')
  const [protocol, setProtocol] = useState(rule?.protocol ?? 'tcp')
  const [priority, setPriority] = useState(String(rule?.priority ?? 1))
  const [action, setAction] = useState(rule?.action ?? 'accept')
  const [direction, setDirection] = useState(String(rule?.direction ?? 0))
  const [val1, setVal1] = useState(rule?.val1 ?? '')
  const [val2, setVal2] = useState(rule?.val2 ?? '')
  const [val3, setVal3] = useState(rule?.val3 ?? '')
  const ports = protocol === 'tcp' || protocol === 'udp'
  const icmp = protocol === 'icmp'
  return (
    <FormDialog
      title={rule ? t('securitygroups.modifyRuleTitle', { id: rule.security_group_rule_id }) : t('securitygroups.addRuleTitle', { id: groupId })}
      submitLabel={rule ? t('common.save') : t('securitygroups.addRule')}
      onClose={onClose}
      onSubmit={async () => {
        const fields = { security_group_rule_name: optional(name), protocol, priority: priority.trim(), direction, val1: ports || icmp ? val1.trim() : '', val2: ports || icmp ? val2.trim() : '', val3: val3.trim() }
        if (rule) await call('iaas', 'ModifySecurityGroupRuleAttributes', { security_group_rule: rule.security_group_rule_id, ...fields, rule_action: action })
        else await call('iaas', 'AddSecurityGroupRules', { security_group: groupId, rules: [{ ...fields, action }] })
        onDone()
      }}
    >
      <TextField label={t('securitygroups.ruleName')} value={name} onChange={setName} />
      <SelectField
        label={t('securitygroups.direction')}
        value={direction}
        onChange={setDirection}
        options={[
          { value: '0', label: t('securitygroups.inbound') },
          { value: '1', label: t('securitygroups.outbound') },
        ]}
      />
      <SelectField label={t('securitygroups.protocol')} value={protocol} onChange={setProtocol} options={PROTOCOLS.map((p) => ({ value: p, label: p }))} />
      <TextField label={t('securitygroups.priority')} type="number" value={priority} onChange={setPriority} hint={t('securitygroups.priorityHint')} />
      <SelectField
        label={t('securitygroups.action')}
        value={action}
        onChange={setAction}
        options={[
          { value: 'accept', label: t('securitygroups.accept') },
          { value: 'drop', label: t('securitygroups.drop') },
        ]}
      />
      {(ports || icmp) && (
        <>
          <TextField label={t('securitygroups.val1')} value={val1} onChange={setVal1} hint={ports ? t('securitygroups.val1PortHint') : t('securitygroups.val1IcmpHint')} />
          <TextField label={t('securitygroups.val2')} value={val2} onChange={setVal2} hint={ports ? t('securitygroups.val2PortHint') : t('securitygroups.val2IcmpHint')} />
        </>
      )}
      <TextField label={t('securitygroups.val3')} value={val3} onChange={setVal3} hint={t('securitygroups.val3Hint')} />
    </FormDialog>
  )
}

/** ApplySecurityGroup with instances.N: the instance moves into this group when the job settles. */
function ApplyToDialog({ groupId, onClose, onDone }: { groupId: string; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [instance, setInstance] = useState('')
  return (
    <FormDialog
      title={t('securitygroups.applyToTitle', { id: groupId })}
      submitLabel={t('securitygroups.apply')}
      onClose={onClose}
      onSubmit={async () => {
        // without instances.N the action re-applies to the group's members: not what this dialog asks
        if (instance === '') throw new Error(t('securitygroups.noInstance'))
        const reply = await call<{ job_id: string }>('iaas', 'ApplySecurityGroup', { security_group: groupId, instances: [instance] })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <InstanceSelect label={t('securitygroups.instance')} value={instance} onChange={setInstance} statuses={['running', 'stopped']} hint={t('securitygroups.applyToHint')} />
    </FormDialog>
  )
}
