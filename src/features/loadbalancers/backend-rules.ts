// What a backend names and the checks a backend passes (AddLoadBalancerBackends, and
// ModifyLoadBalancerBackendAttributes for its port, weight and policy). A backend is one of the
// caller's instances (i-…) or VPC routers (rtr-…) in the zone, not terminated or deleted (unknown
// 2100, another user's 1400), or an IPv4 address; one resource and port serve a listener once
// (2110). Its policy, when named, is one of the caller's forwarding policies.
import { ApiError } from '../../errors.ts'
import type { ActionContext } from '../../protocol/action.ts'
import type { LoadBalancerBackendTable } from '../../store/database.ts'
import { findInstancesById } from '../instances/instance-repo.ts'
import { instanceKind } from '../instances/instance-kind.ts'
import { requireOwned, stateRule } from '../resources/guards.ts'
import { isIpv4 } from '../resources/wire-values.ts'
import { findRouters } from '../routers/router-repo.ts'
import { routerKind } from '../routers/router-kind.ts'
import { getPoliciesForUpdate } from './policy-repo.ts'

export const DEFAULT_WEIGHT = 1

type Ctx = Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>

/** 1100 unless each `resource_id` is an instance id, a router id or an IPv4 address; then 2100/1400/gone checks. */
export async function requireBackendResources(ctx: Ctx, resources: ReadonlyArray<{ id: string; name: string }>): Promise<void> {
  for (const r of resources)
    if (!r.id.startsWith('i-') && !r.id.startsWith('rtr-') && !isIpv4(r.id))
      throw new ApiError('InvalidRequestFormat', `parameter ${r.name} value ${r.id} is not a valid backend, it should be an instance (i-…), a router (rtr-…) or an IPv4 address`)
  const instanceIds = [...new Set(resources.filter((r) => r.id.startsWith('i-')).map((r) => r.id))]
  const instances = (await findInstancesById(ctx.db, instanceIds)).filter((i) => i.zone_id === ctx.zone)
  for (const i of requireOwned(instances, instanceIds, (i) => i.instance_id, ctx.caller)) if (instanceKind.goneStatuses.includes(i.status)) throw stateRule('instance', i.instance_id, `has been ${i.status}`, 'can not be a backend')
  const routerIds = [...new Set(resources.filter((r) => r.id.startsWith('rtr-')).map((r) => r.id))]
  for (const r of requireOwned(await findRouters(ctx.db, ctx.zone, routerIds), routerIds, (r) => r.router_id, ctx.caller))
    if (routerKind.goneStatuses.includes(r.status)) throw stateRule('router', r.router_id, `has been ${r.status}`, 'can not be a backend')
}

/** 2110 when a resource and port would serve the listener twice: `taken` are its other backends. */
export function requireDistinctBackends(
  listenerId: string,
  taken: ReadonlyArray<Pick<LoadBalancerBackendTable, 'loadbalancer_backend_id' | 'resource_id' | 'port'>>,
  wanted: ReadonlyArray<{ resource_id: string; port: number; name: string }>,
): void {
  const used = new Map(taken.map((b) => [`${b.resource_id}:${b.port}`, `backend [${b.loadbalancer_backend_id}]`]))
  for (const w of wanted) {
    const key = `${w.resource_id}:${w.port}`
    const holder = used.get(key)
    if (holder !== undefined) throw new ApiError('ResourceAlreadyExisted', `${w.name}: [${w.resource_id}] port [${w.port}] is already a backend of listener [${listenerId}] (${holder})`)
    used.set(key, w.name)
  }
}

/** The caller's policies among `ids` (locked after the backends; '' entries name none). */
export async function requirePolicies(ctx: Ctx, parameter: string, ids: readonly string[]): Promise<void> {
  const named = [...new Set(ids.filter((id) => id !== ''))].sort()
  await getPoliciesForUpdate(ctx, parameter, named)
}
