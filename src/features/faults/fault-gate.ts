// The scripted-fault gate of the admission step (first, before maintenance): a call of an action
// with an armed reply fault answers the fault's code instead of running. With nothing armed, which
// is the normal case, it costs no query: the set of actions with reply faults is kept in memory
// under the cache epoch (store/cache-epoch.ts), which every change of `faults` moves in its own
// transaction, so a fault armed through any process is seen by the next request. Only a call of
// an action in that set runs the conditional UPDATE that takes one use.
import { andThen, type MaybePromise } from '../../lib/maybe-promise.ts'
import type { Admission } from '../../protocol/endpoint.ts'
import { type CacheEpoch, EpochCache } from '../../store/cache-epoch.ts'
import type { Queryable } from '../../store/database.ts'
import { armedReplyActions, scriptedError, takeFault } from './fault.ts'

/** `readDb`: committed data outside a transaction, for the armed set; `db` takes a use. */
export function replyFaultGate(deps: { db: Queryable; readDb: Queryable; epoch: CacheEpoch }): (request: Admission) => MaybePromise<void> {
  const armed = new EpochCache<'reply', ReadonlySet<string>>(deps.epoch, 1)
  const load = () => armedReplyActions(deps.readDb)
  const take = async ({ caller, action }: Admission) => {
    const fault = await takeFault(deps.db, 'reply', action.name, caller.access_key_id)
    if (fault) throw scriptedError(fault)
  }
  // no promise while the armed set is cached and names other actions (lib/maybe-promise.ts)
  return (request) => andThen(armed.get('reply', load), (actions) => (actions.has(request.action.name) ? take(request) : undefined))
}
