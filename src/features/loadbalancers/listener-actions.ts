// The load-balancer actions of one part: listeners, backends, and the certificates a listener presents.
//
// Behaviour (reference load-balancers.md §1.3, §2.2–2.3, §3.3–3.4, §4.2–4.3, §7):
// - listeners (listener-rules.ts): protocols http, https, tcp, ssl, udp; backend_protocol defaults
//   to the listener's (https → http or https, ssl → tcp or ssl); every setting is stored and echoed
//   exactly as given (the CCM compares them on every sync); `timeout`, `scene` and the other ints are
//   JSON numbers, names are '' when not given, `server_certificate_id` is always an array.
// - a listener port is unique per load balancer and transport (tcp family, udp): 2110.
// - backends: the caller's instances or routers in the zone, or IPv4 addresses; weight 1 by default;
//   one resource and port per listener (2110); `status` is derived when described
//   (backend-status.ts), so a terminated backend instance stays listed, down, until deleted.
// - every change marks the load balancer is_applied=0 until UpdateLoadBalancers; changes are refused
//   (1400) on a deleted or ceased load balancer and while it is in a transition.
// - certificates: https and ssl listeners present at least one of the caller's; Associate/Dissociate
//   work on those listeners only (1400 otherwise) and never take the last one (1400); dissociating a
//   certificate a named listener does not present is 1100; without a listener, Dissociate takes the
//   certificates off every listener presenting them.
// - Describe*: by ids, listener, load balancer, search_word (id or name), owner (admins), paged
//   (limit ≤ 100), oldest first; listeners added together are ordered by id.
//
// Limitations: nothing is forwarded and no health check runs: a backend is up when its load
// balancer is active, it is enabled and its instance runs (a router is active; an IPv4 address is
// taken as up). Listener ports and protocols cannot change (delete and add the listener).
import type { Action } from '../../protocol/action.ts'
import { addLoadBalancerBackends } from './actions/add-load-balancer-backends.ts'
import { addLoadBalancerListeners } from './actions/add-load-balancer-listeners.ts'
import { associateServerCertsToLbListener } from './actions/associate-server-certs-to-lb-listener.ts'
import { deleteLoadBalancerBackends } from './actions/delete-load-balancer-backends.ts'
import { deleteLoadBalancerListeners } from './actions/delete-load-balancer-listeners.ts'
import { describeLoadBalancerBackends } from './actions/describe-load-balancer-backends.ts'
import { describeLoadBalancerListeners } from './actions/describe-load-balancer-listeners.ts'
import { dissociateServerCertsFromLbListener } from './actions/dissociate-server-certs-from-lb-listener.ts'
import { modifyLoadBalancerBackendAttributes } from './actions/modify-load-balancer-backend-attributes.ts'
import { modifyLoadBalancerListenerAttributes } from './actions/modify-load-balancer-listener-attributes.ts'

export const listenerActions: Action[] = [
  addLoadBalancerListeners,
  describeLoadBalancerListeners,
  modifyLoadBalancerListenerAttributes,
  deleteLoadBalancerListeners,
  addLoadBalancerBackends,
  describeLoadBalancerBackends,
  modifyLoadBalancerBackendAttributes,
  deleteLoadBalancerBackends,
  associateServerCertsToLbListener,
  dissociateServerCertsFromLbListener,
]
