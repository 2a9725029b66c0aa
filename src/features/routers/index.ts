// routers: VPC routers (issue 17, reference routers-nics.md §1, §3): a VPC network, a security
// group, an optional EIP, leased per router type, the `router` quota, taggable, recycle bin.
//
// Limitations:
// - no packet is routed: a router is a record; `private_ip` is its VPC network's first host.
// - no `target_user` (CreateRouters creates for the caller only).
// - a router's vxnets are the vxnets feature's (JoinRouter, LeaveRouter): DescribeRouters' `vxnets`
//   and `vxnet` filter, DeleteRouters' 5400 and ModifyRouterAttributes features=1 ask it.
// Statics and their entries: static-actions.ts.
import type { Action } from '../../protocol/action.ts'
import { createRouters } from './actions/create-routers.ts'
import { deleteRouters } from './actions/delete-routers.ts'
import { describeRouters } from './actions/describe-routers.ts'
import { modifyRouterAttributes } from './actions/modify-router-attributes.ts'
import { powerOffRouters } from './actions/power-off-routers.ts'
import { powerOnRouters } from './actions/power-on-routers.ts'
import { updateRouters } from './actions/update-routers.ts'
import { routerStaticActions } from './static-actions.ts'

export const routerActions: Action[] = [createRouters, describeRouters, modifyRouterAttributes, updateRouters, deleteRouters, powerOnRouters, powerOffRouters, ...routerStaticActions]
