// What the lifecycle actions share: the load balancer's label in messages, terraform's "spaces mean
// empty", the state checks, and letting go of what a load balancer holds.
import { ApiError } from '../../errors.ts'
import type { LoadBalancerTable, Queryable } from '../../store/database.ts'
import { unbindEip } from '../eips/eip-repo.ts'
import { requireIdle, stateRule } from '../resources/guards.ts'
import { loadBalancerKind } from './lb-kind.ts'
import { deleteEipBindings, eipBindingsOf } from './lb-repo.ts'

export const LB = 'loadbalancer'

/** 1400 for a gone or busy load balancer, then for one not in one of `statuses`. */
export function requireState(lb: LoadBalancerTable, statuses: readonly string[], verb: string): void {
  if ((loadBalancerKind.goneStatuses as readonly string[]).includes(lb.status)) throw stateRule(LB, lb.loadbalancer_id, 'has already been deleted', `can not be ${verb}`)
  requireIdle(LB, lb.loadbalancer_id, lb)
  if (!statuses.includes(lb.status)) throw stateRule(LB, lb.loadbalancer_id, `is [${lb.status}]`, `can not be ${verb}`)
}

/** 1100 naming the parameter unless `value` is one of `allowed`. */
export function requireOneOf(parameter: string, value: number | undefined, allowed: readonly number[]): void {
  if (value !== undefined && !allowed.includes(value)) throw new ApiError('InvalidRequestFormat', `parameter ${parameter} [${value}] must be one of ${allowed.join(', ')}`)
}

/** The load balancers' EIPs are `available` again (still their owner's, still billed) and no longer listed as theirs. */
export async function unbindEipsOf(db: Queryable, lbIds: readonly string[], now: Date): Promise<void> {
  const eips = [...(await eipBindingsOf(db, lbIds)).values()].flat().map((b) => b.eip_id)
  for (const eip of eips) await unbindEip(db, eip, now)
  await deleteEipBindings(db, eips)
}
