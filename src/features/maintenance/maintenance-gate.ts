// The maintenance gate of the admission step: while a window is in force, every action that is not
// read-only (Action.readOnly: Describe…/Get… by name, plus Login and Logout) answers 5300
// ServerUpdating, in every module; the switch itself (StartMaintenance, StopMaintenance) stays
// usable. Jobs are not requests: the runner finishes the ones already queued. Reads are let in
// before the state is even looked at; for the rest the state is kept in memory under the cache
// epoch (store/cache-epoch.ts: writing the setting moves it, in any process), and the end time is
// compared with the clock on every request, so a window ends exactly on time.
import type { Clock } from '../../lib/clock.ts'
import { andThen, type MaybePromise } from '../../lib/maybe-promise.ts'
import { type CacheEpoch, EpochCache } from '../../store/cache-epoch.ts'
import type { Action } from '../../protocol/action.ts'
import type { Admission } from '../../protocol/endpoint.ts'
import type { Queryable } from '../../store/database.ts'
import { startMaintenance } from './actions/start-maintenance.ts'
import { stopMaintenance } from './actions/stop-maintenance.ts'
import { inForce, serverUpdating, storedWindow, type MaintenanceWindow } from './maintenance.ts'

const SWITCH: ReadonlySet<Action> = new Set<Action>([startMaintenance as Action, stopMaintenance as Action])

export interface MaintenanceGate {
  /** Throws 5300 for a mutating action while a window is in force. */
  admit(request: Admission): MaybePromise<void>
  /** The window in force now (for /readyz, which refreshes the epoch and the clock first: no API request did). */
  current(): Promise<MaintenanceWindow | undefined>
}

/** `db`: committed data outside a transaction (Store.readDb). */
export function maintenanceGate(deps: { db: Queryable; epoch: CacheEpoch; clock: Clock }): MaintenanceGate {
  const stored = new EpochCache<'window', MaintenanceWindow | undefined>(deps.epoch, 1)
  const load = () => storedWindow(deps.db)
  const current = async () => inForce(await stored.get('window', load), deps.clock.now())
  return {
    current,
    // no promise for reads, nor while the stored window is cached (lib/maybe-promise.ts)
    admit({ action }) {
      if (action.readOnly || SWITCH.has(action)) return
      return andThen(stored.get('window', load), (window) => {
        const now = inForce(window, deps.clock.now())
        if (now) throw serverUpdating(now)
      })
    },
  }
}
