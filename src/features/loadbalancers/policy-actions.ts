// The load-balancer actions of one part: forwarding policies and their rules.
import type { Action } from '../../protocol/action.ts'

export const policyActions: Action[] = []
