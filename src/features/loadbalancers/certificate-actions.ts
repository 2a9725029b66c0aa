// The load-balancer actions of one part: server certificates.
import type { Action } from '../../protocol/action.ts'

export const certificateActions: Action[] = []
