// The tag quota's usage, for the registry's quota counters (src/resource-kinds.ts). Tags are not a
// resource kind (no zone, not taggable themselves) and their quota is user-wide (quotas/quota.ts).
import type { QuotaCounter } from '../resources/resource-kind.ts'

export const tagQuota: QuotaCounter = {
  types: ['tag'],
  async usage(db, userId) {
    const row = await db
      .selectFrom('tags')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('owner', '=', userId)
      .executeTakeFirstOrThrow()
    return { tag: Number(row.n) }
  },
}
