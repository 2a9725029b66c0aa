// ModifyLoadBalancerPolicyAttributes: a policy's name, `operator` (and|or), `balance_mode`
// (roundrobin, leastconn, source; spaces: follow the listener's again) and `priority` (0–99, the
// docs' order between a listener's policies). A change to how it forwards (anything but the name)
// waits for ApplyLoadBalancerPolicy: is_applied 0. Answers `loadbalancer_policy_id` (the Go SDK
// reads it). Terraform's single space empties the name.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Int, OneOf, Optional, Str } from '../../../protocol/params.ts'
import { balanceMode, NameParam, OPERATORS } from '../policy-params.ts'
import { getPoliciesForUpdate, type PolicyChange, updatePolicy } from '../policy-repo.ts'
import { blank } from '../../resources/wire-values.ts'

export const modifyLoadBalancerPolicyAttributes = defineAction({
  name: 'ModifyLoadBalancerPolicyAttributes',
  params: Type.Object({
    loadbalancer_policy: Str(),
    loadbalancer_policy_name: NameParam(),
    operator: Optional(OneOf(OPERATORS)),
    balance_mode: Optional(Str({ maxLength: 32 })),
    priority: Optional(Int({ minimum: 0, maximum: 99 })),
  }),
  async handle(params, ctx) {
    const balance_mode = params.balance_mode === undefined ? undefined : balanceMode('balance_mode', params.balance_mode)
    const [policy] = await getPoliciesForUpdate(ctx, 'loadbalancer_policy', [params.loadbalancer_policy])
    const change: PolicyChange = {}
    if (params.loadbalancer_policy_name !== undefined) change.loadbalancer_policy_name = blank(params.loadbalancer_policy_name)
    const forwarding: PolicyChange = {}
    if (params.operator !== undefined && params.operator !== policy!.operator) forwarding.operator = params.operator
    if (balance_mode !== undefined && balance_mode !== policy!.balance_mode) forwarding.balance_mode = balance_mode
    if (params.priority !== undefined && params.priority !== policy!.priority) forwarding.priority = params.priority
    await updatePolicy(ctx.db, policy!.loadbalancer_policy_id, { ...change, ...forwarding, ...(Object.keys(forwarding).length > 0 && { is_applied: 0 }) })
    return { loadbalancer_policy_id: policy!.loadbalancer_policy_id }
  },
})
