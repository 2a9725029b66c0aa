// ModifyLoadBalancerBackendAttributes: changes one of the caller's backends: `port` (1–65535),
// `weight` (1–100), `disabled` (0|1: a disabled backend is listed down), `loadbalancer_policy_id`
// (the caller's policy; whitespace only clears it) and `loadbalancer_backend_name` (whitespace only
// clears it, as terraform sends). Its resource stays. A port another backend of the listener
// already serves for the same resource is 2110. Its load balancer must be configurable and becomes
// is_applied=0. Answers ret_code only.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, Int, Optional, Str } from '../../../protocol/params.ts'
import { backendsOf, updateBackend } from '../backend-repo.ts'
import { requireDistinctBackends, requirePolicies } from '../backend-rules.ts'
import { markNotApplied } from '../lb-repo.ts'
import { lockBackendsForChange } from '../listener-access.ts'
import { MAX_NAME_LENGTH } from '../listener-rules.ts'
import { blank } from '../../resources/wire-values.ts'

export const modifyLoadBalancerBackendAttributes = defineAction({
  name: 'ModifyLoadBalancerBackendAttributes',
  params: Type.Object({
    loadbalancer_backend: Str(),
    port: Optional(Int({ minimum: 1, maximum: 65535 })),
    weight: Optional(Int({ minimum: 1, maximum: 100 })),
    disabled: Optional(Flag()),
    loadbalancer_policy_id: Optional(Str({ maxLength: 64 })),
    loadbalancer_backend_name: Optional(Str({ maxLength: MAX_NAME_LENGTH })),
  }),
  async handle(params, ctx) {
    const { backends } = await lockBackendsForChange(ctx, 'loadbalancer_backend', [params.loadbalancer_backend])
    const old = backends[0]!
    if (params.port !== undefined && params.port !== old.port) {
      const others = ((await backendsOf(ctx.db, [old.loadbalancer_listener_id])).get(old.loadbalancer_listener_id) ?? []).filter((b) => b.loadbalancer_backend_id !== old.loadbalancer_backend_id)
      requireDistinctBackends(old.loadbalancer_listener_id, others, [{ resource_id: old.resource_id, port: params.port, name: 'port' }])
    }
    const policy = params.loadbalancer_policy_id === undefined ? undefined : blank(params.loadbalancer_policy_id).trim()
    if (policy) await requirePolicies(ctx, 'loadbalancer_policy_id', [policy])
    await updateBackend(ctx.db, old.loadbalancer_backend_id, {
      ...(params.port !== undefined && { port: params.port }),
      ...(params.weight !== undefined && { weight: params.weight }),
      ...(params.disabled !== undefined && { disabled: params.disabled }),
      ...(policy !== undefined && { loadbalancer_policy_id: policy }),
      ...(params.loadbalancer_backend_name !== undefined && { loadbalancer_backend_name: blank(params.loadbalancer_backend_name) }),
    })
    await markNotApplied(ctx.db, [old.loadbalancer_id])
    return {}
  },
})
