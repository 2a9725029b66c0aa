// The load-balancer actions of one part: Create/Describe/Modify/Update/Resize/Start/Stop/DeleteLoadBalancers.
import type { Action } from '../../protocol/action.ts'

export const lifecycleActions: Action[] = []
