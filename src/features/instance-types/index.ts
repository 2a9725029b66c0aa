// instance-types: the catalogue of sizes seeded into every zone (instance-type.ts).
//
// Limitations: the catalogue is fixed (c{cpu}m{GB} plus small_a/small_b/medium_a); there are no
// bare-metal types, so `baremetal=1` lists nothing. The list is short and not paged.
import type { Action } from '../../protocol/action.ts'
import { describeInstanceTypes } from './actions/describe-instance-types.ts'

export const instanceTypeActions: Action[] = [describeInstanceTypes]
