// API request counters (issue 5, rate limits): one row per user and period — the user's local day
// for the daily quota, a short fixed window for the burst limit. Every server process increments
// the same rows with one upsert, so the limits hold across processes. Old rows are pruned by the
// rate limiter now and then; no index beyond the key, because pruning is rare and the table small.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_usage')
    .addColumn('user_id', 'text', (c) => c.notNull())
    // 'day' (period_key: the local date, 2026-01-15) or 'burst' (period_key: the window's start, 2026-01-15T08:00:10Z)
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('request_count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('api_usage_pk', ['user_id', 'period', 'period_key'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('api_usage').execute()
}
