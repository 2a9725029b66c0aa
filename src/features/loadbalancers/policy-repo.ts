// Forwarding-policy rows (their rules live with them). Backends name a policy by id
// (loadbalancer_backends.loadbalancer_policy_id); locks: load balancer, listener, backends, then policies.
import type { ActionContext } from '../../protocol/action.ts'
import type { LoadBalancerPolicyRuleTable, LoadBalancerPolicyTable, Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { kindTotal, withCommonFilters } from '../resources/describe-filters.ts'
import { requireDistinct, requireOwned } from '../resources/guards.ts'
import { loadBalancerPolicyKind } from './lb-kind.ts'

export async function lockPolicies(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]): Promise<LoadBalancerPolicyTable[]> {
  if (ids.length === 0) return []
  return caps
    .forUpdate(
      db
        .selectFrom('loadbalancer_policies')
        .selectAll()
        .where('zone_id', '=', zone)
        .where('loadbalancer_policy_id', 'in', [...ids].sort()),
    )
    .execute()
}

/** The caller's policies, locked, in the order given (2100 unknown, 1400 another user's, 1100 twice). */
export async function getPoliciesForUpdate(ctx: Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>, parameter: string, ids: readonly string[]): Promise<LoadBalancerPolicyTable[]> {
  requireDistinct(parameter, ids)
  return requireOwned(await lockPolicies(ctx.db, ctx.caps, ctx.zone, ids), ids, (r) => r.loadbalancer_policy_id, ctx.caller)
}

export async function findPolicies(db: Queryable, zone: string, ids: readonly string[]): Promise<LoadBalancerPolicyTable[]> {
  if (ids.length === 0) return []
  return db.selectFrom('loadbalancer_policies').selectAll().where('zone_id', '=', zone).where('loadbalancer_policy_id', 'in', ids).execute()
}

// ── the policy actions (Create/Describe/Modify/Apply/DeleteLoadBalancerPolicies) ──────────────────

export async function insertPolicy(db: Queryable, row: LoadBalancerPolicyTable): Promise<void> {
  await db.insertInto('loadbalancer_policies').values(row).execute()
}

export type PolicyChange = Partial<Pick<LoadBalancerPolicyTable, 'loadbalancer_policy_name' | 'operator' | 'balance_mode' | 'priority' | 'is_applied'>>

export async function updatePolicy(db: Queryable, id: string, change: PolicyChange): Promise<void> {
  if (Object.keys(change).length > 0) await db.updateTable('loadbalancer_policies').set(change).where('loadbalancer_policy_id', '=', id).execute()
}

/** A change to these policies or their rules waits for ApplyLoadBalancerPolicy. */
export async function markPoliciesUnapplied(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.updateTable('loadbalancer_policies').set({ is_applied: 0 }).where('loadbalancer_policy_id', 'in', ids).execute()
}

/** Deletes the policies and their rules. */
export async function deletePolicies(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await db.deleteFrom('loadbalancer_policy_rules').where('loadbalancer_policy_id', 'in', ids).execute()
  await db.deleteFrom('loadbalancer_policies').where('loadbalancer_policy_id', 'in', ids).execute()
}

export interface PolicyFilter {
  ids?: readonly string[] | undefined
  search_word?: string | undefined
  owner: string
  zone_id: string
}

/** One page of a user's policies in a zone, newest first, and how many match before paging. */
export async function listPolicies(db: Queryable, filter: PolicyFilter, page: { offset: number; limit: number }) {
  const q = withCommonFilters(db.selectFrom('loadbalancer_policies').where('owner', '=', filter.owner).where('zone_id', '=', filter.zone_id), loadBalancerPolicyKind, { ids: filter.ids, search_word: filter.search_word })
  // total_count from the kept counts unless ids or a search word need the rows counted
  const scan = async () => Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const total = await kindTotal(db, loadBalancerPolicyKind, { owner: filter.owner, zone: filter.zone_id }, { ids: filter.ids, search_word: filter.search_word }, scan)
  const rows = await q.selectAll().orderBy('create_time', 'desc').orderBy('loadbalancer_policy_id', 'desc').offset(page.offset).limit(page.limit).execute()
  return { total, rows }
}

// ── rules (Add/Describe/Modify/DeleteLoadBalancerPolicyRules): locked after their policies ────────

export async function insertPolicyRules(db: Queryable, rows: readonly LoadBalancerPolicyRuleTable[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('loadbalancer_policy_rules')
      .values([...rows])
      .execute()
}

/**
 * The caller's rules, in the order given (2100 unknown, 1400 another user's, 1100 twice), locked
 * after their policies (also locked, returned too) in the order DeleteLoadBalancerPolicies takes
 * them. A rule deleted between the look-up and the locks is unknown.
 */
export async function getPolicyRulesForUpdate(ctx: Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>, parameter: string, ids: readonly string[]): Promise<{ rules: LoadBalancerPolicyRuleTable[]; policies: LoadBalancerPolicyTable[] }> {
  requireDistinct(parameter, ids)
  const seen = requireOwned(await findPolicyRules(ctx.db, ctx.zone, ids), ids, (r) => r.loadbalancer_policy_rule_id, ctx.caller)
  const policies = await lockPolicies(ctx.db, ctx.caps, ctx.zone, [...new Set(seen.map((r) => r.loadbalancer_policy_id))])
  const locked = await ctx.caps
    .forUpdate(
      ctx.db
        .selectFrom('loadbalancer_policy_rules')
        .selectAll()
        .where('zone_id', '=', ctx.zone)
        .where('loadbalancer_policy_rule_id', 'in', [...ids].sort()),
    )
    .execute()
  return { rules: requireOwned(locked, ids, (r) => r.loadbalancer_policy_rule_id, ctx.caller), policies }
}

export async function findPolicyRules(db: Queryable, zone: string, ids: readonly string[]): Promise<LoadBalancerPolicyRuleTable[]> {
  if (ids.length === 0) return []
  return db.selectFrom('loadbalancer_policy_rules').selectAll().where('zone_id', '=', zone).where('loadbalancer_policy_rule_id', 'in', ids).execute()
}

export async function updatePolicyRule(db: Queryable, id: string, change: Partial<Pick<LoadBalancerPolicyRuleTable, 'loadbalancer_policy_rule_name' | 'val'>>): Promise<void> {
  if (Object.keys(change).length > 0) await db.updateTable('loadbalancer_policy_rules').set(change).where('loadbalancer_policy_rule_id', '=', id).execute()
}

export async function deletePolicyRules(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('loadbalancer_policy_rules').where('loadbalancer_policy_rule_id', 'in', ids).execute()
}

export interface PolicyRuleFilter {
  ids?: readonly string[] | undefined
  loadbalancer_policy?: string | undefined
  owner: string
  zone_id: string
}

/** One page of a user's rules in a zone, by policy and then oldest first (the order a policy lists them), and how many match. */
export async function listPolicyRules(db: Queryable, filter: PolicyRuleFilter, page: { offset: number; limit: number }) {
  let q = db.selectFrom('loadbalancer_policy_rules').where('owner', '=', filter.owner).where('zone_id', '=', filter.zone_id)
  if (filter.ids?.length) q = q.where('loadbalancer_policy_rule_id', 'in', filter.ids)
  if (filter.loadbalancer_policy !== undefined) q = q.where('loadbalancer_policy_id', '=', filter.loadbalancer_policy)
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  const rows = await q.selectAll().orderBy('loadbalancer_policy_id').orderBy('create_time').orderBy('loadbalancer_policy_rule_id').offset(page.offset).limit(page.limit).execute()
  return { total: Number(n), rows }
}
