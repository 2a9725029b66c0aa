// AddLoadBalancerBackends: adds backends to one of the caller's listeners and answers their ids
// (`loadbalancer_backends`). Each names `resource_id` (the caller's instance or router in the zone,
// or an IPv4 address: backend-rules.ts) and `port` (1–65535), optionally `weight` (1–100, default 1:
// the CCM sends none), `loadbalancer_backend_name` (default '') and `loadbalancer_policy_id` (the
// caller's policy). A resource and port already serving the listener, or given twice, is 2110.
// Fields the Go SDK adds (backends.N.loadbalancer_listener_id, …) are ignored. The load balancer
// must be configurable and becomes is_applied=0 until UpdateLoadBalancers.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Int, Optional, Str } from '../../../protocol/params.ts'
import type { LoadBalancerBackendTable } from '../../../store/database.ts'
import { backendsOf, insertBackends } from '../backend-repo.ts'
import { DEFAULT_WEIGHT, requireBackendResources, requireDistinctBackends, requirePolicies } from '../backend-rules.ts'
import { markNotApplied } from '../lb-repo.ts'
import { lockListenersForChange } from '../listener-access.ts'
import { MAX_NAME_LENGTH, MAX_PER_REQUEST } from '../listener-rules.ts'
import { blank } from '../../resources/wire-values.ts'

export const addLoadBalancerBackends = defineAction({
  name: 'AddLoadBalancerBackends',
  params: Type.Object({
    loadbalancer_listener: Str(),
    backends: Type.Array(
      Type.Object({
        resource_id: Str({ maxLength: 64 }),
        port: Int({ minimum: 1, maximum: 65535 }),
        weight: Optional(Int({ minimum: 1, maximum: 100 })),
        loadbalancer_backend_name: Optional(Str({ maxLength: MAX_NAME_LENGTH })),
        loadbalancer_policy_id: Optional(Str({ maxLength: 64 })),
      }),
      { maxItems: MAX_PER_REQUEST },
    ),
  }),
  async handle({ loadbalancer_listener, backends }, ctx) {
    if (backends.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter backends')
    const { listeners } = await lockListenersForChange(ctx, 'loadbalancer_listener', [loadbalancer_listener])
    const listener = listeners[0]!
    const given = backends.map((b, i) => ({ ...b, resource_id: b.resource_id.trim(), policy: blank(b.loadbalancer_policy_id).trim(), name: `backends.${i + 1}` }))
    await requireBackendResources(
      ctx,
      given.map((b) => ({ id: b.resource_id, name: `${b.name}.resource_id` })),
    )
    requireDistinctBackends(
      loadbalancer_listener,
      (await backendsOf(ctx.db, [loadbalancer_listener])).get(loadbalancer_listener) ?? [],
      given.map((b) => ({ resource_id: b.resource_id, port: b.port, name: b.name })),
    )
    await requirePolicies(
      ctx,
      'loadbalancer_policy_id',
      given.map((b) => b.policy),
    )
    const time = formatTime(ctx.clock.now())
    const rows: LoadBalancerBackendTable[] = given.map((b) => ({
      loadbalancer_backend_id: ctx.ids.resource('lbb'),
      loadbalancer_listener_id: loadbalancer_listener,
      loadbalancer_id: listener.loadbalancer_id,
      zone_id: ctx.zone,
      owner: ctx.caller.user_id,
      loadbalancer_backend_name: blank(b.loadbalancer_backend_name),
      resource_id: b.resource_id,
      port: b.port,
      weight: b.weight ?? DEFAULT_WEIGHT,
      disabled: 0,
      loadbalancer_policy_id: b.policy,
      create_time: time,
    }))
    await insertBackends(ctx.db, rows)
    await markNotApplied(ctx.db, [listener.loadbalancer_id])
    return { loadbalancer_backends: rows.map((r) => r.loadbalancer_backend_id) }
  },
})
