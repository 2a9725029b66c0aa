// The rules every mutating action applies to the ids it is given, in QingCloud's message style
// (reference 1.9): unknown id → 2100; someone else's → 1400; busy → 1400 "is [x], please try later".
import { ApiError } from '../../errors.ts'
import type { Caller } from '../../protocol/action.ts'

interface Owned {
  owner: string
  transition_status?: string
}

/**
 * Returns the rows for `ids` in the order given, or throws for the first id that is unknown in this
 * zone (ResourceNotFound) or belongs to another user (PermissionDenied). Admins are no exception:
 * an operator acts on users' resources through their own tools, not by borrowing ids.
 */
export function requireOwned<R extends Owned>(rows: readonly R[], ids: readonly string[], idOf: (row: R) => string, caller: Caller): R[] {
  const byId = new Map(rows.map((row) => [idOf(row), row]))
  return ids.map((id) => {
    const row = byId.get(id)
    if (!row) throw new ApiError('ResourceNotFound', `resource [${id}] not found`)
    if (row.owner !== caller.user_id) throw new ApiError('PermissionDenied', `resource [${id}] does not belong to you`)
    return row
  })
}

/** A resource in transition accepts no other operation until it settles. */
export function requireIdle(label: string, id: string, row: { transition_status: string }): void {
  if (row.transition_status !== '') throw new ApiError('PermissionDenied', `${label} [${id}] is [${row.transition_status}], please try later`)
}

/** `instance [i-x] is not running, can not be stopped`: the reference's state-rule message. */
export function stateRule(label: string, id: string, condition: string, consequence: string): ApiError {
  return new ApiError('PermissionDenied', `${label} [${id}] ${condition}, ${consequence}`)
}

/** Rejects a list that names the same id twice, which would otherwise be applied twice. */
export function requireDistinct(parameter: string, ids: readonly string[]): void {
  const seen = new Set<string>()
  for (const id of ids) {
    if (seen.has(id)) throw new ApiError('InvalidRequestFormat', `parameter ${parameter} lists [${id}] more than once`)
    seen.add(id)
  }
}
