// Forwarding policies: the list over DescribeLoadBalancerPolicies (create with operator and
// balance mode, modify with priority, apply, delete), and a policy's page with its rules
// (DescribeLoadBalancerPolicyRules; add, modify, delete). Changes wait for ApplyLoadBalancerPolicy:
// a policy shows "changes not applied" while is_applied is 0. Backends follow a policy from the
// load balancer's page.
import { useState } from 'react'
import { Link, useParams } from 'wouter'
import { call, optional } from '../../api/client.ts'
import type { DescribeReply, LoadBalancerPolicy, LoadBalancerPolicyRule } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { DataTable } from '../../components/DataTable.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { type Translate, useT } from '../../i18n/index.ts'
import { intOrUndefined, timeText, useLoaded } from './shared.tsx'

const fetchPolicies = (q: ListQuery) =>
  call<DescribeReply<'loadbalancer_policy_set', LoadBalancerPolicy>>('iaas', 'DescribeLoadBalancerPolicies', { offset: q.offset, limit: q.limit, search_word: q.search_word, verbose: 1 }).then((r) => ({
    items: r.loadbalancer_policy_set,
    total: r.total_count,
  }))

/** A balance mode in words (the load balancer area names them); '' follows the listener. */
const modeText = (mode: string, t: Translate) => (mode === '' ? t('lbpolicies.listenerMode') : (t.maybe(`loadbalancers.mode.${mode}`) ?? mode))

function AppliedBadge({ applied }: { applied: number }) {
  const t = useT()
  return applied === 0 ? <span className="badge badge-amber">{t('lbpolicies.notApplied')}</span> : <span className="badge badge-green">{t('lbpolicies.applied')}</span>
}

export function PoliciesPage() {
  const t = useT()
  const [dialog, setDialog] = useState<{ kind: 'create' } | { kind: 'modify'; policy: LoadBalancerPolicy } | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = () => setReloadKey((n) => n + 1)
  const close = () => setDialog(null)
  const columns: Column<LoadBalancerPolicy>[] = [
    {
      label: t('lbpolicies.id'),
      render: (p) => (
        <Link href={`/lb-policies/${p.loadbalancer_policy_id}`}>
          <code>{p.loadbalancer_policy_id}</code>
        </Link>
      ),
    },
    { label: t('lbpolicies.name'), render: (p) => p.loadbalancer_policy_name || t('common.none') },
    { label: t('lbpolicies.operator'), render: (p) => (p.operator === 'and' ? t('lbpolicies.operatorAnd') : t('lbpolicies.operatorOr')) },
    { label: t('lbpolicies.balanceMode'), render: (p) => modeText(p.balance_mode, t) },
    { label: t('lbpolicies.priority'), render: (p) => p.priority },
    { label: t('lbpolicies.state'), render: (p) => <AppliedBadge applied={p.is_applied} /> },
    { label: t('lbpolicies.loadbalancers'), render: (p) => (p.loadbalancer_ids?.length ? p.loadbalancer_ids.join(', ') : t('common.none')) },
    { label: t('lbpolicies.created'), render: (p) => timeText(p.create_time, t.lang) },
  ]
  return (
    <section>
      <h1>{t('lbpolicies.title')}</h1>
      <ResourceList
        label={t('lbpolicies.title')}
        fetch={fetchPolicies}
        rowId={(p) => p.loadbalancer_policy_id}
        columns={columns}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => (
          <>
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
              {t('lbpolicies.create')}
            </button>
            <button type="button" disabled={selected.length !== 1} onClick={() => selected[0] && setDialog({ kind: 'modify', policy: selected[0] })}>
              {t('common.modify')}
            </button>
            <ActionButton label={t('lbpolicies.apply')} disabled={selected.length !== 1} run={() => call('iaas', 'ApplyLoadBalancerPolicy', { loadbalancer_policy: selected[0]?.loadbalancer_policy_id })} onDone={reloadList} />
            <ActionButton
              label={t('common.delete')}
              danger
              disabled={selected.length === 0}
              confirm={t('lbpolicies.confirmDelete', { ids: selected.map((p) => p.loadbalancer_policy_id).join(', ') })}
              run={() => call('iaas', 'DeleteLoadBalancerPolicies', { loadbalancer_policies: selected.map((p) => p.loadbalancer_policy_id) })}
              onDone={reloadList}
            />
          </>
        )}
      />
      {dialog?.kind === 'create' && <PolicyDialog onClose={close} onDone={reload} />}
      {dialog?.kind === 'modify' && <PolicyDialog policy={dialog.policy} onClose={close} onDone={reload} />}
    </section>
  )
}

function PolicyDialog({ policy, onClose, onDone }: { policy?: LoadBalancerPolicy; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(policy?.loadbalancer_policy_name ?? '')
  const [operator, setOperator] = useState(policy?.operator ?? 'or')
  const [mode, setMode] = useState(policy?.balance_mode ?? '')
  const [priority, setPriority] = useState(policy ? String(policy.priority) : '')
  return (
    <FormDialog
      title={policy ? t('lbpolicies.modifyTitle', { id: policy.loadbalancer_policy_id }) : t('lbpolicies.create')}
      submitLabel={policy ? t('common.save') : t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        if (policy)
          await call('iaas', 'ModifyLoadBalancerPolicyAttributes', {
            loadbalancer_policy: policy.loadbalancer_policy_id,
            loadbalancer_policy_name: name === '' ? ' ' : name,
            operator,
            balance_mode: mode === '' ? ' ' : mode,
            priority: intOrUndefined(priority),
          })
        else await call('iaas', 'CreateLoadBalancerPolicy', { loadbalancer_policy_name: optional(name), operator, balance_mode: optional(mode) })
        onDone()
      }}
    >
      <TextField label={t('lbpolicies.name')} value={name} onChange={setName} />
      <SelectField
        label={t('lbpolicies.operator')}
        value={operator}
        onChange={setOperator}
        options={[
          { value: 'or', label: t('lbpolicies.operatorOr') },
          { value: 'and', label: t('lbpolicies.operatorAnd') },
        ]}
      />
      <SelectField
        label={t('lbpolicies.balanceMode')}
        value={mode}
        onChange={setMode}
        options={[{ value: '', label: t('lbpolicies.listenerMode') }, ...['roundrobin', 'leastconn', 'source'].map((m) => ({ value: m, label: modeText(m, t) }))]}
      />
      {policy && <TextField label={t('lbpolicies.priority')} value={priority} onChange={setPriority} type="number" hint={t('lbpolicies.priorityHint')} />}
    </FormDialog>
  )
}

export function PolicyDetailPage() {
  const t = useT()
  const { id = '' } = useParams<{ id: string }>()
  const [dialog, setDialog] = useState<{ kind: 'add' } | { kind: 'modify'; rule: LoadBalancerPolicyRule } | null>(null)
  const close = () => setDialog(null)
  const { data, error, reload } = useLoaded(async () => {
    const [p, r] = await Promise.all([
      call<DescribeReply<'loadbalancer_policy_set', LoadBalancerPolicy>>('iaas', 'DescribeLoadBalancerPolicies', { loadbalancer_policies: [id], verbose: 1 }),
      call<DescribeReply<'loadbalancer_policy_rule_set', LoadBalancerPolicyRule>>('iaas', 'DescribeLoadBalancerPolicyRules', { loadbalancer_policy: id, limit: 100 }),
    ])
    return { policy: p.loadbalancer_policy_set[0] ?? null, rules: r.loadbalancer_policy_rule_set }
  })
  const policy = data?.policy
  return (
    <section>
      <p>
        <Link href="/lb-policies">{t('lbpolicies.back')}</Link>
      </p>
      <h1>{t('lbpolicies.detailTitle', { id })}</h1>
      <ErrorNotice error={error} />
      {data === null && !error && <p>{t('common.loading')}</p>}
      {data && !policy && <p>{t('lbpolicies.notFound')}</p>}
      {policy && data && (
        <>
          <dl className="details">
            <dt>{t('lbpolicies.name')}</dt>
            <dd>{policy.loadbalancer_policy_name || t('common.none')}</dd>
            <dt>{t('lbpolicies.operator')}</dt>
            <dd>{policy.operator === 'and' ? t('lbpolicies.operatorAnd') : t('lbpolicies.operatorOr')}</dd>
            <dt>{t('lbpolicies.balanceMode')}</dt>
            <dd>{modeText(policy.balance_mode, t)}</dd>
            <dt>{t('lbpolicies.priority')}</dt>
            <dd>{policy.priority}</dd>
            <dt>{t('lbpolicies.state')}</dt>
            <dd>
              <AppliedBadge applied={policy.is_applied} />
            </dd>
          </dl>
          <div className="toolbar">
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'add' })}>
              {t('lbpolicies.addRule')}
            </button>
            <ActionButton label={t('lbpolicies.apply')} run={() => call('iaas', 'ApplyLoadBalancerPolicy', { loadbalancer_policy: id })} onDone={reload} />
          </div>
          <h2>{t('lbpolicies.rules')}</h2>
          <DataTable
            label={t('lbpolicies.rules')}
            columns={[
              { header: t('lbpolicies.ruleId'), cell: (r) => <code>{r.loadbalancer_policy_rule_id}</code> },
              { header: t('lbpolicies.name'), cell: (r) => r.loadbalancer_policy_rule_name || t('common.none') },
              { header: t('lbpolicies.ruleType'), cell: (r) => (r.rule_type === 'domain' ? t('lbpolicies.typeDomain') : t('lbpolicies.typeUrl')) },
              { header: t('lbpolicies.value'), cell: (r) => <code>{r.val}</code> },
              {
                header: t('lbpolicies.actions'),
                cell: (r) => (
                  <>
                    <button type="button" aria-label={t('lbpolicies.modifyRuleOf', { id: r.loadbalancer_policy_rule_id })} onClick={() => setDialog({ kind: 'modify', rule: r })}>
                      {t('common.modify')}
                    </button>
                    <ActionButton
                      label={t('lbpolicies.deleteRule')}
                      danger
                      confirm={t('lbpolicies.confirmDeleteRule', { id: r.loadbalancer_policy_rule_id })}
                      run={() => call('iaas', 'DeleteLoadBalancerPolicyRules', { loadbalancer_policy_rules: [r.loadbalancer_policy_rule_id] })}
                      onDone={reload}
                    />
                  </>
                ),
              },
            ]}
            rows={data.rules}
            rowKey={(r) => r.loadbalancer_policy_rule_id}
            empty={t('lbpolicies.noRules')}
          />
          {dialog?.kind === 'add' && <RuleDialog policyId={id} onClose={close} onDone={reload} />}
          {dialog?.kind === 'modify' && <RuleDialog policyId={id} rule={dialog.rule} onClose={close} onDone={reload} />}
        </>
      )}
    </section>
  )
}

function RuleDialog({ policyId, rule, onClose, onDone }: { policyId: string; rule?: LoadBalancerPolicyRule; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(rule?.loadbalancer_policy_rule_name ?? '')
  const [type, setType] = useState(rule?.rule_type ?? 'domain')
  const [val, setVal] = useState(rule?.val ?? '')
  return (
    <FormDialog
      title={rule ? t('lbpolicies.modifyRuleTitle', { id: rule.loadbalancer_policy_rule_id }) : t('lbpolicies.addRule')}
      submitLabel={rule ? t('common.save') : t('lbpolicies.add')}
      onClose={onClose}
      onSubmit={async () => {
        if (rule) await call('iaas', 'ModifyLoadBalancerPolicyRuleAttributes', { loadbalancer_policy_rule: rule.loadbalancer_policy_rule_id, loadbalancer_policy_rule_name: name === '' ? ' ' : name, val })
        else await call('iaas', 'AddLoadBalancerPolicyRules', { loadbalancer_policy: policyId, rules: [{ loadbalancer_policy_rule_name: optional(name), rule_type: type, val }] })
        onDone()
      }}
    >
      <TextField label={t('lbpolicies.name')} value={name} onChange={setName} />
      {!rule && (
        <SelectField
          label={t('lbpolicies.ruleType')}
          value={type}
          onChange={setType}
          options={[
            { value: 'domain', label: t('lbpolicies.typeDomain') },
            { value: 'url', label: t('lbpolicies.typeUrl') },
          ]}
        />
      )}
      <TextField label={t('lbpolicies.value')} value={val} onChange={setVal} required hint={t('lbpolicies.valueHint')} />
    </FormDialog>
  )
}
