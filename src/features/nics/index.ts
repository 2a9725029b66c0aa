// NICs (issue 17, reference routers-nics.md §2–3): network interfaces with a MAC address for id, in
// one vxnet (or vxnet-0) with an address from its plan (vxnets/membership.ts allocates, under the
// network's lock), attached to at most one instance. Instances' interfaces are NICs too: RunInstances
// and JoinVxnet write them `in-use` (the first an instance gets is its primary, role 1), and
// DescribeInstances' `vxnets` lists them; they go with their instance (TerminateInstances, LeaveVxnet),
// while a NIC made by CreateNics (`standalone`) is detached instead and stays its owner's.
// This feature owns the `nics` table (migration 0027).
// Limitations: AttachNics does not apply JoinVxnet's "one managed vxnet per instance" rule (only one
// NIC per vxnet per instance); no `nic` quota (QingCloud documents none); NICs cannot
// move to another vxnet (ModifyNicAttributes' `vxnet` is ignored) and have no IPv6 address.
import type { Action } from '../../protocol/action.ts'
import { attachNics } from './actions/attach-nics.ts'
import { createNics } from './actions/create-nics.ts'
import { deleteNics } from './actions/delete-nics.ts'
import { describeNics } from './actions/describe-nics.ts'
import { detachNics } from './actions/detach-nics.ts'
import { modifyNicAttributes } from './actions/modify-nic-attributes.ts'

export const nicActions: Action[] = [createNics, describeNics, attachNics, detachNics, modifyNicAttributes, deleteNics]
