// Instances. RunInstances takes `vxnets.N` (vxnet-0 by default; addresses reserved in the request,
// vxnets/membership.ts) and `security_group` (the owner's default group otherwise,
// security-groups/default-group.ts); the view shows NICs, the associated EIP and the group.
// Limitations: TerminateInstances does not wait for the lease to be established (reference 2.2's
// "lease info not ready yet"); CloneInstances, CeaseInstances and RecoverInstances are not
// implemented; login passwords are checked for strength but never stored; instance_type wins over
// cpu/memory when both are given (the Go SDK always sends cpu=1&memory=1024). No disk content is
// modelled: ResetInstances keeps the status, records login_mode and leaves the instance bound to
// only the key pair it names. Accepted and ignored: need_newsid (ResetInstances), nic_mqueue
// (ModifyInstanceAttributes), cipher_alg (RunInstances: only aes256, not recorded), and unknown
// parameters such as the CLI's cpu_max, mem_max, need_userdata. StopInstances force=1 works
// FORCED_STOP_MS instead of the default job time.
import type { Action } from '../../protocol/action.ts'
import { describeInstances } from './actions/describe-instances.ts'
import { modifyInstanceAttributes } from './actions/modify-instance-attributes.ts'
import { resetInstances } from './actions/reset-instances.ts'
import { resizeInstances } from './actions/resize-instances.ts'
import { restartInstances } from './actions/restart-instances.ts'
import { runInstances } from './actions/run-instances.ts'
import { startInstances } from './actions/start-instances.ts'
import { stopInstances } from './actions/stop-instances.ts'
import { terminateInstances } from './actions/terminate-instances.ts'

export const instanceActions: Action[] = [runInstances, describeInstances, startInstances, stopInstances, restartInstances, terminateInstances, resizeInstances, resetInstances, modifyInstanceAttributes]
