// Invitation codes (registration by invite): an administrator creates one (CreateInvite), Register
// checks and claims it. Only the code's hash is stored.
import { formatTime } from '../../lib/clock.ts'
import type { InviteTable, Queryable } from '../../store/database.ts'

export async function insertInvite(db: Queryable, invite: { code_hash: string; created_by: string; now: Date; expires_at: Date }): Promise<void> {
  await db
    .insertInto('invites')
    .values({ code_hash: invite.code_hash, created_by: invite.created_by, create_time: formatTime(invite.now), expires_at: formatTime(invite.expires_at), used_by: '' })
    .execute()
}

export async function findInvite(db: Queryable, codeHash: string): Promise<InviteTable | undefined> {
  return db.selectFrom('invites').selectAll().where('code_hash', '=', codeHash).executeTakeFirst()
}

/** Marks an unused invite used by `userId`; false when another registration claimed it first. */
export async function claimInvite(db: Queryable, codeHash: string, userId: string): Promise<boolean> {
  const claimed = await db.updateTable('invites').set({ used_by: userId }).where('code_hash', '=', codeHash).where('used_by', '=', '').executeTakeFirst()
  return Number(claimed.numUpdatedRows) === 1
}
