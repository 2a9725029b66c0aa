// Router statics (reference §1, §4): the rules of a router (port forwarding, VPN, DHCP options,
// L2/L3 GRE and IPsec tunnels, filters, private DNS) and their entries (VPN accounts, tunnel
// networks), checked per type with messages naming the field. Every change leaves the router
// is_applied=0 until UpdateRouters. Limitations: rules are stored and checked but route nothing (no
// data plane); L3 GRE target networks are not checked against the router's vxnets; CopyRouterStatics
// does not rewrite IPsec networks between network-2.0 routers.
import type { Action } from '../../protocol/action.ts'
import { addRouterStaticEntries } from './actions/add-router-static-entries.ts'
import { addRouterStatics } from './actions/add-router-statics.ts'
import { copyRouterStatics } from './actions/copy-router-statics.ts'
import { deleteRouterStaticEntries } from './actions/delete-router-static-entries.ts'
import { deleteRouterStatics } from './actions/delete-router-statics.ts'
import { describeRouterStaticEntries } from './actions/describe-router-static-entries.ts'
import { describeRouterStatics } from './actions/describe-router-statics.ts'
import { modifyRouterStaticAttributes } from './actions/modify-router-static-attributes.ts'
import { modifyRouterStaticEntryAttributes } from './actions/modify-router-static-entry-attributes.ts'

export const routerStaticActions: Action[] = [
  addRouterStatics,
  describeRouterStatics,
  modifyRouterStaticAttributes,
  deleteRouterStatics,
  copyRouterStatics,
  addRouterStaticEntries,
  describeRouterStaticEntries,
  modifyRouterStaticEntryAttributes,
  deleteRouterStaticEntries,
]
