// Scripted faults (issue 6 item 6): an administrator arms "the next N calls of action A answer code
// C" (ArmFault, optionally for one access key) or "the next N jobs of action A fail with code C"
// (ArmJobFault); each use counts one down and the fault is gone at 0. Nothing is armed unless
// someone arms it. Reply faults are checked by the admission step (fault-gate.ts), before
// maintenance and before parameters; job faults by the job runner before a job's settle step.
// Limitations: action names are checked for their form, not against the registered actions; a job
// fault hits every owner's jobs (no access key: jobs are run by the runner, not signed); a fault
// reply fault armed through another process takes effect with the next request (store/cache-epoch.ts).
import type { Action } from '../../protocol/action.ts'
import { armFault } from './actions/arm-fault.ts'
import { armJobFault } from './actions/arm-job-fault.ts'
import { describeFaults } from './actions/describe-faults.ts'
import { disarmFaults } from './actions/disarm-faults.ts'

/** Module /admin/. */
export const faultAdminActions: Action[] = [armFault, armJobFault, describeFaults, disarmFaults]
