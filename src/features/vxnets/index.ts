// VxNets (issue 8): private networks, the base network vxnet-0, and instances' interfaces in them.
import type { Action } from '../../protocol/action.ts'
import { createVxnets } from './actions/create-vxnets.ts'
import { deleteVxnets } from './actions/delete-vxnets.ts'
import { describeVxnetInstances } from './actions/describe-vxnet-instances.ts'
import { describeVxnets } from './actions/describe-vxnets.ts'
import { joinVxnet } from './actions/join-vxnet.ts'
import { leaveVxnet } from './actions/leave-vxnet.ts'
import { modifyVxnetAttributes } from './actions/modify-vxnet-attributes.ts'

export const vxnetActions: Action[] = [createVxnets, describeVxnets, modifyVxnetAttributes, joinVxnet, leaveVxnet, describeVxnetInstances, deleteVxnets]
