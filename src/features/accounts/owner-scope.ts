// Whose resources a Describe lists. Users see their own; the `owner` filter lets an admin look at
// someone else's. A user naming another owner gets an empty set, like any filter that matches
// nothing, rather than an error (Describe never fails on ids it cannot show).
import type { Caller } from '../../protocol/action.ts'

export function ownerScope(caller: Caller, owner: string | undefined): string | undefined {
  if (owner === undefined || owner === caller.user_id) return caller.user_id
  return caller.role === 'admin' ? owner : undefined
}
