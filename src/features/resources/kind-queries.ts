// The queries every registered kind answers the same way, over its own table (resource-kind.ts).
// Kysely types a union of tables by their shared columns, so these need no cast table names.
import { sql } from 'kysely'
import type { Queryable } from '../../store/database.ts'
import { QUOTA_TYPES, type QuotaType } from '../quotas/quota.ts'
import type { QuotaCounter, ResourceKind } from './resource-kind.ts'

/** The owners of these ids of one kind, in any zone (`zone` given: only rows there). */
export function ownersQuery(db: Queryable, kind: ResourceKind, ids: readonly string[], zone?: string) {
  let q = db
    .selectFrom(kind.table)
    .select([sql.ref<string>(kind.idColumn).as('id'), 'owner'])
    .where(sql.ref(kind.idColumn), 'in', ids)
  if (zone !== undefined) q = q.where('zone_id', '=', zone)
  return q
}

/** The quota usage a kind declares (`quota`): its rows of the user in the zone that are not gone. */
export function kindQuotaCounter(kind: ResourceKind): QuotaCounter | undefined {
  const quota = kind.quota
  if (!quota) return undefined
  const sums = QUOTA_TYPES.flatMap((type) => (quota.sums?.[type] ? [[type, quota.sums[type]] as const] : []))
  return {
    types: [...(quota.count ? [quota.count] : []), ...sums.map(([type]) => type)],
    async usage(db, userId, zone) {
      let q = db
        .selectFrom(kind.table)
        .select((eb) => [eb.fn.countAll().as('n'), ...sums.map(([type, column]) => eb.fn.sum<number | string | null>(sql.ref(column)).as(type))])
        .where('owner', '=', userId)
        .where('zone_id', '=', zone)
      // gone rows (terminated, deleted, ceased…) hold no quota
      if (kind.goneStatuses.length) q = q.where(sql.ref(`${kind.table}.status`), 'not in', kind.goneStatuses)
      const row = await q.executeTakeFirstOrThrow()
      const usage: Partial<Record<QuotaType, number>> = {}
      if (quota.count) usage[quota.count] = Number(row.n)
      for (const [type] of sums) usage[type] = Number(row[type] ?? 0)
      return usage
    },
  }
}
