// Security groups (issue 8): a user has at most one default group per zone. The default group is
// created lazily by the first action that needs it (security-groups/default-group.ts) under the
// user's quota lock; this partial unique index is the guard that makes a second default impossible
// whatever the timing.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create unique index security_groups_one_default on security_groups (owner, zone_id) where is_default = 1`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index security_groups_one_default`.execute(db)
}
