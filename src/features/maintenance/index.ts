// Maintenance (issue 6 item 3): an administrator's switch, optionally with an end time, kept in
// `settings`. While it is on, every action that is not read-only answers 5300 ServerUpdating in
// every module (/iaas/, /account/, /admin/): the admission step (maintenance-gate.ts) runs after
// authentication and before parameters are read. Read-only is Action.readOnly: names starting with
// Describe or Get, and Login/Logout (session bookkeeping only); anything else, including a new
// action nobody classified, counts as mutating. Reads and jobs already queued go on; /readyz stays
// 200 and reports the window. Every process sharing the store sees a change with its next request
// (store/cache-epoch.ts).
// Limitations: the billing ticker keeps charging during maintenance (resources keep running);
// `qinglocal` has no command of its own for the switch (`qinglocal call StartMaintenance -m admin -f data/admin.yaml`); an ended
// window stays in `settings` until the next Start or Stop, reported off.
import type { Action } from '../../protocol/action.ts'
import { describeMaintenance } from './actions/describe-maintenance.ts'
import { startMaintenance } from './actions/start-maintenance.ts'
import { stopMaintenance } from './actions/stop-maintenance.ts'

/** Module /admin/. */
export const maintenanceAdminActions: Action[] = [startMaintenance, stopMaintenance, describeMaintenance]
