// eips: elastic public addresses from each zone's pool (reference 3.8).
//
// Limitations:
// - one EIP group (`eipg-00000000`, BGP multi-line); `billing_mode=traffic` is recorded and billed
//   like `bandwidth` (per Mbps-hour): QingLocal meters no traffic.
// - no ChangeEipsBillingMode, no ICP filing (`icp_codes` is always ''), no `target_user`.
// - AssociateEip's `force` is accepted and has no effect; AssociateEip binds instances only (a VPC
//   router takes its EIP through ModifyRouterAttributes `eip`: bindEip in eip-repo.ts).
import type { Action } from '../../protocol/action.ts'
import { allocateEips } from './actions/allocate-eips.ts'
import { associateEip } from './actions/associate-eip.ts'
import { changeEipsBandwidth } from './actions/change-eips-bandwidth.ts'
import { describeEips } from './actions/describe-eips.ts'
import { dissociateEips } from './actions/dissociate-eips.ts'
import { modifyEipAttributes } from './actions/modify-eip-attributes.ts'
import { releaseEips } from './actions/release-eips.ts'

export const eipActions: Action[] = [allocateEips, describeEips, associateEip, dissociateEips, changeEipsBandwidth, modifyEipAttributes, releaseEips]
