// How often mail may be asked for one address: at most `max` requests per address in any sliding
// window of `windowMinutes`, per scope (`reset-request`: RequestPasswordReset, counted whether or
// not an account has the address, so 1640 tells a stranger nothing; `verify-mail`: Register and
// ResendVerification).
//
// Each address owns `max` slots; a request claims a slot whose last use is older than the window.
// N+1 requests inside one window would need two on the same slot, which is impossible, and a free
// slot exists exactly when fewer than N requests fell in the last window. A slot is claimed with a
// conditional update (reuse an expired one) or an insert that does nothing on conflict (a new one),
// so two concurrent requests can never claim the same slot: on PostgreSQL the second waits for the
// first's row and then finds it taken; SQLite runs one write transaction at a time.
//
// The slots live in rate_slots (slot_key = SHA-256 of scope, address and slot number), so the
// address is not stored in clear.
import { hashToken } from '../../lib/tokens.ts'
import type { Queryable } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'

export type MailScope = 'reset-request' | 'verify-mail'
/** Expired slots removed per request, so the table does not keep addresses asked about long ago. */
const PRUNE_BATCH = 50

const slotKeys = (scope: MailScope, email: string, max: number): string[] => Array.from({ length: max }, (_, slot) => hashToken(`${scope}:${email}:${slot}`))

export type SlotClaim = { claimed: true } | { claimed: false; retryAt: Date }

/** Claims one of the address's slots in `scope`, or says when the oldest one frees up. `email` must be normalized. */
export async function claimMailSlot(db: Queryable, caps: Capabilities, scope: MailScope, email: string, now: Date, max: number, windowMinutes: number): Promise<SlotClaim> {
  if (await claimSlot(db, scope, email, now, max, windowMinutes)) {
    // only after the claim: a request then waits for another's slot row only while it holds none
    // itself, and the pruning never waits (SKIP LOCKED), so no two requests can deadlock
    await pruneExpiredSlots(db, caps, scope, now)
    return { claimed: true }
  }
  const keys = slotKeys(scope, email, max)
  const oldest = await db.selectFrom('rate_slots').select('expires_at').where('slot_key', 'in', keys).orderBy('expires_at').executeTakeFirst()
  return { claimed: false, retryAt: new Date(oldest?.expires_at ?? now.getTime() + windowMinutes * 60_000) }
}

async function claimSlot(db: Queryable, scope: MailScope, email: string, now: Date, max: number, windowMinutes: number): Promise<boolean> {
  const nowText = now.toISOString()
  const expires = new Date(now.getTime() + windowMinutes * 60_000).toISOString()
  for (const key of slotKeys(scope, email, max)) {
    const reused = await db.updateTable('rate_slots').set({ claim_time: nowText, expires_at: expires }).where('slot_key', '=', key).where('expires_at', '<=', nowText).executeTakeFirst()
    if (Number(reused.numUpdatedRows) === 1) return true
    const added = await db
      .insertInto('rate_slots')
      .values({ slot_key: key, scope, claim_time: nowText, expires_at: expires })
      .onConflict((oc) => oc.column('slot_key').doNothing())
      .executeTakeFirst()
    if (Number(added.numInsertedOrUpdatedRows ?? 0) === 1) return true
  }
  return false
}

/** Removes a batch of expired slots, skipping rows another request holds (no waiting, no deadlock). */
async function pruneExpiredSlots(db: Queryable, caps: Capabilities, scope: MailScope, now: Date): Promise<void> {
  const expired = await caps.claim(db.selectFrom('rate_slots').select('slot_key').where('scope', '=', scope).where('expires_at', '<=', now.toISOString()).limit(PRUNE_BATCH)).execute()
  if (expired.length > 0)
    await db
      .deleteFrom('rate_slots')
      .where(
        'slot_key',
        'in',
        expired.map((row) => row.slot_key),
      )
      .execute()
}
