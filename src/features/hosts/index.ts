// Hosts (issue 6 item 2): hypervisor hosts and placement (host-repo.ts), and their administration
// through /admin/: AddHosts, RemoveHosts, DrainHosts, ActivateHosts, DescribeHosts. A host is
// `active` (takes new instances) or `draining` (keeps what it carries, takes nothing new).
// Adding hosts is licensed (features/licenses: 4005 beyond the unlicensed allowance without a
// valid license, 4003 beyond the license's max_hosts); reads never need a license.
//
// Limitations: instances cannot be moved off a host (no live migration): draining only stops new
// placements, so a drained host becomes removable when its instances are terminated (or, stopped,
// resized onto another host); a host's size cannot be changed once added; a removed host's number
// may be given again to the next host added in its zone when it was the highest.
import type { Action } from '../../protocol/action.ts'
import { activateHosts } from './actions/activate-hosts.ts'
import { addHosts } from './actions/add-hosts.ts'
import { describeHosts } from './actions/describe-hosts.ts'
import { drainHosts } from './actions/drain-hosts.ts'
import { removeHosts } from './actions/remove-hosts.ts'

/** Module /admin/. */
export const hostAdminActions: Action[] = [describeHosts, addHosts, removeHosts, drainHosts, activateHosts]
