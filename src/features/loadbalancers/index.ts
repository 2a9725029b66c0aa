// loadbalancers: load balancers, listeners, backends, forwarding policies and rules, server
// certificates and their monitor (issue 18; reference load-balancers.md). Each part lists its own
// actions (…-actions.ts) and its limitations below.
import type { Action } from '../../protocol/action.ts'
import { certificateActions } from './certificate-actions.ts'
import { lifecycleActions } from './lifecycle-actions.ts'
import { listenerActions } from './listener-actions.ts'
import { monitorActions } from './monitor-actions.ts'
import { networkActions } from './network-actions.ts'
import { policyActions } from './policy-actions.ts'

export const loadBalancerActions: Action[] = [...lifecycleActions, ...networkActions, ...listenerActions, ...policyActions, ...certificateActions, ...monitorActions]
