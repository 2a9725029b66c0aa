// The load-balancer actions of one part: listeners, backends, and the certificates a listener presents.
import type { Action } from '../../protocol/action.ts'

export const listenerActions: Action[] = []
