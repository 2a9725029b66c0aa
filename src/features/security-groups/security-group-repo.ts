// Security group rows and their rules. The instances in a group (instances.security_group_id) are
// the instances feature's rows: instances/instance-repo.ts reads and moves them.
// Groups live in one zone and have no status: deleting one removes its row and rules for good.
// Rules carry no owner: they are the owner's through their group, so every rule query joins it.
import type { Queryable, SecurityGroupRuleTable, SecurityGroupTable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { withCommonFilters } from '../resources/describe-filters.ts'
import { securityGroupKind } from './security-group-kind.ts'

/** The rows for these ids in the zone, locked for the rest of the transaction (PostgreSQL). */
export async function lockGroups(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]) {
  if (ids.length === 0) return []
  return caps.forUpdate(db.selectFrom('security_groups').selectAll().where('zone_id', '=', zone).where('security_group_id', 'in', ids)).execute()
}

/** Name and default flag of these groups, in any zone (DescribeInstances' verbose `security_group`). */
export async function groupSummaries(db: Queryable, ids: readonly string[]) {
  if (ids.length === 0) return []
  return db.selectFrom('security_groups').select(['security_group_id', 'security_group_name', 'is_default']).where('security_group_id', 'in', ids).execute()
}

export async function findDefaultGroup(db: Queryable, owner: string, zone: string) {
  return db.selectFrom('security_groups').selectAll().where('owner', '=', owner).where('zone_id', '=', zone).where('is_default', '=', 1).executeTakeFirst()
}

/**
 * Inserts a group unless it would be a second default group of its owner in its zone (the partial
 * unique index of migration 0012): then nothing is written and false comes back.
 */
export async function insertGroup(db: Queryable, row: SecurityGroupTable): Promise<boolean> {
  await db
    .insertInto('security_groups')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute()
  const stored = await db.selectFrom('security_groups').select('security_group_id').where('security_group_id', '=', row.security_group_id).executeTakeFirst()
  return stored !== undefined
}

export async function updateGroup(db: Queryable, id: string, change: Partial<Pick<SecurityGroupTable, 'security_group_name' | 'description' | 'is_applied'>>): Promise<void> {
  if (Object.keys(change).length === 0) return
  await db.updateTable('security_groups').set(change).where('security_group_id', '=', id).execute()
}

/** A rule changed: the group's instances run the old rules until ApplySecurityGroup. */
export async function markUnapplied(db: Queryable, groupIds: readonly string[]): Promise<void> {
  if (groupIds.length === 0) return
  await db.updateTable('security_groups').set({ is_applied: 0 }).where('security_group_id', 'in', groupIds).execute()
}

/** Removes groups for good, with their rules (tags are the caller's business). */
export async function deleteGroups(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await db.deleteFrom('security_group_rules').where('security_group_id', 'in', ids).execute()
  await db.deleteFrom('security_groups').where('security_group_id', 'in', ids).execute()
}

export interface GroupFilter {
  owner: string
  zone_id: string
  ids?: readonly string[] | undefined
  search_word?: string | undefined
  tags?: readonly string[] | undefined
}

export async function listGroups(db: Queryable, f: GroupFilter, page: { offset: number; limit: number }) {
  let q = db.selectFrom('security_groups').where('security_groups.owner', '=', f.owner).where('security_groups.zone_id', '=', f.zone_id)
  q = withCommonFilters(q, securityGroupKind, { ids: f.ids, search_word: f.search_word, tags: f.tags })
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  const rows = await q.selectAll('security_groups').orderBy('security_groups.create_time', 'desc').orderBy('security_groups.security_group_id', 'desc').offset(page.offset).limit(page.limit).execute()
  return { total: Number(n), rows }
}

// ── rules ──────────────────────────────────────────────────────────────────────────────────────

export async function insertRules(db: Queryable, rows: readonly SecurityGroupRuleTable[]): Promise<void> {
  if (rows.length === 0) return
  await db
    .insertInto('security_group_rules')
    .values([...rows])
    .execute()
}

/** Rules by id, with their group's owner and zone, in `zone`, locked (PostgreSQL). */
export async function lockRules(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]) {
  if (ids.length === 0) return []
  return caps
    .forUpdate(
      db
        .selectFrom('security_group_rules')
        .innerJoin('security_groups', 'security_groups.security_group_id', 'security_group_rules.security_group_id')
        .selectAll('security_group_rules')
        .select(['security_groups.owner', 'security_groups.zone_id'])
        .where('security_groups.zone_id', '=', zone)
        .where('security_group_rules.security_group_rule_id', 'in', ids),
    )
    .execute()
}

export async function updateRule(db: Queryable, id: string, change: Partial<SecurityGroupRuleTable>): Promise<void> {
  if (Object.keys(change).length === 0) return
  await db.updateTable('security_group_rules').set(change).where('security_group_rule_id', '=', id).execute()
}

export async function deleteRules(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await db.deleteFrom('security_group_rules').where('security_group_rule_id', 'in', ids).execute()
}

export interface RuleFilter {
  owner: string
  zone_id: string
  security_group?: string | undefined
  ids?: readonly string[] | undefined
  direction?: number | undefined
}

export async function listRules(db: Queryable, f: RuleFilter, page: { offset: number; limit: number }) {
  let q = db
    .selectFrom('security_group_rules')
    .innerJoin('security_groups', 'security_groups.security_group_id', 'security_group_rules.security_group_id')
    .where('security_groups.owner', '=', f.owner)
    .where('security_groups.zone_id', '=', f.zone_id)
  if (f.security_group) q = q.where('security_group_rules.security_group_id', '=', f.security_group)
  if (f.ids?.length) q = q.where('security_group_rules.security_group_rule_id', 'in', f.ids)
  if (f.direction !== undefined) q = q.where('security_group_rules.direction', '=', f.direction)
  const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
  const rows = await q
    .selectAll('security_group_rules')
    // the order a group's rules are evaluated in: priority first (lower wins)
    .orderBy('security_group_rules.security_group_id')
    .orderBy('security_group_rules.priority')
    .orderBy('security_group_rules.create_time')
    .orderBy('security_group_rules.security_group_rule_id')
    .offset(page.offset)
    .limit(page.limit)
    .execute()
  return { total: Number(n), rows }
}
