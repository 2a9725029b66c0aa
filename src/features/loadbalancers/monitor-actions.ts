// The load-balancer actions of one part: GetLoadBalancerMonitor.
import type { Action } from '../../protocol/action.ts'

export const monitorActions: Action[] = []
