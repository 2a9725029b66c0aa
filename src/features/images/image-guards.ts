// Which images a user may change: their own captured ones. System images are visible to everyone
// but belong to the platform, so they get their own 1400 rather than "does not belong to you".
import type { Caller } from '../../protocol/action.ts'
import { requireOwned, stateRule } from '../resources/guards.ts'
import { SYSTEM_OWNER } from './image.ts'

/**
 * The rows for `ids` in the order given. Unknown in this zone → 2100; a system image → 1400
 * "image [centos79x64] is a system image, can not be <consequence>"; another user's → 1400.
 */
export function requireOwnImages<R extends { image_id: string; owner: string; provider: string }>(rows: readonly R[], ids: readonly string[], caller: Caller, consequence: string): R[] {
  const byId = new Map(rows.map((row) => [row.image_id, row]))
  for (const id of ids) {
    const row = byId.get(id)
    if (row && (row.provider === 'system' || row.owner === SYSTEM_OWNER)) throw stateRule('image', id, 'is a system image', consequence)
  }
  return requireOwned(rows, ids, (row) => row.image_id, caller)
}
