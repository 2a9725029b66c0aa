// The scripted-fault gate of the admission step (first, before maintenance): a call of an action
// with an armed reply fault answers the fault's code instead of running. With nothing armed, which
// is the normal case, it costs no query: the set of actions with reply faults is kept in memory
// under the cache epoch (store/cache-epoch.ts), which every change of `faults` moves in its own
// transaction, so a fault armed through any process is seen by the next request. Only a call of
// an action in that set runs the conditional UPDATE that takes one use.
import type { Admission } from '../../protocol/endpoint.ts'
import { type CacheEpoch, EpochCache } from '../../store/cache-epoch.ts'
import type { Queryable } from '../../store/database.ts'
import { armedReplyActions, scriptedError, takeFault } from './fault.ts'

/** `readDb`: committed data outside a transaction, for the armed set; `db` takes a use. */
export function replyFaultGate(deps: { db: Queryable; readDb: Queryable; epoch: CacheEpoch }): (request: Admission) => Promise<void> {
  const armed = new EpochCache<'reply', ReadonlySet<string>>(deps.epoch, 1)
  const load = () => armedReplyActions(deps.readDb)
  return async ({ caller, action }) => {
    if (!(await armed.get('reply', load)).has(action.name)) return
    const fault = await takeFault(deps.db, 'reply', action.name, caller.access_key_id)
    if (!fault) return
    throw scriptedError(fault)
  }
}
