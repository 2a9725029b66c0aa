// The scripted-fault gate of the admission step (first, before maintenance): a call of an action
// with an armed reply fault answers the fault's code instead of running. With nothing armed, which
// is the normal case, it costs no query: the set of actions with reply faults comes from a copy at
// most SHARED_STATE_TTL_MS old (renewed at once when this process arms, disarms or uses one up,
// lib/cached-read.ts), so a fault armed through another process takes effect there within that
// time. Only a call of an action in that set runs the conditional UPDATE that takes one use.
import { CachedRead, SHARED_STATE_TTL_MS } from '../../lib/cached-read.ts'
import type { Admission } from '../../protocol/endpoint.ts'
import type { Queryable } from '../../store/database.ts'
import { armedReplyActions, faultsChanged, scriptedError, takeFault } from './fault.ts'

export function replyFaultGate(deps: { db: Queryable }): (request: Admission) => Promise<void> {
  const armed = new CachedRead(() => armedReplyActions(deps.db), faultsChanged, SHARED_STATE_TTL_MS)
  return async ({ caller, action }) => {
    if (!(await armed.get()).has(action.name)) return
    const fault = await takeFault(deps.db, 'reply', action.name, caller.access_key_id)
    if (!fault) return
    if (fault.remaining === 0) faultsChanged.bump()
    throw scriptedError(fault)
  }
}
