// CreateLoadBalancerPolicy: a forwarding policy (lbp-…): rules (AddLoadBalancerPolicyRules) match a
// request's host or path, and backends that name the policy serve what matches. `operator` says
// how its rules combine (`or`, the default the Go SDK always sends, or `and`); `balance_mode`
// (roundrobin, leastconn, source; the docs only) spreads requests over those backends, else the
// listener's mode applies. A new policy has nothing pending (is_applied 1). It counts against the
// `loadbalancer_policy` quota (2500).
import Type from 'typebox'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { OneOf, Optional, Str } from '../../../protocol/params.ts'
import { requireQuota } from '../../quotas/quota-check.ts'
import { balanceMode, NameParam, OPERATORS } from '../policy-params.ts'
import { insertPolicy } from '../policy-repo.ts'
import { blank } from '../../resources/wire-values.ts'

export const createLoadBalancerPolicy = defineAction({
  name: 'CreateLoadBalancerPolicy',
  locks: ['quota'],
  params: Type.Object({
    loadbalancer_policy_name: NameParam(),
    operator: Optional(OneOf(OPERATORS)),
    balance_mode: Optional(Str({ maxLength: 32 })),
  }),
  async handle(params, ctx) {
    const balance_mode = balanceMode('balance_mode', params.balance_mode ?? '')
    await requireQuota(ctx, ctx.zone, { loadbalancer_policy: 1 })
    const loadbalancer_policy_id = ctx.ids.resource('lbp')
    await insertPolicy(ctx.db, {
      loadbalancer_policy_id,
      zone_id: ctx.zone,
      owner: ctx.caller.user_id,
      loadbalancer_policy_name: blank(params.loadbalancer_policy_name),
      operator: params.operator ?? 'or',
      balance_mode,
      priority: 0,
      is_applied: 1,
      create_time: formatTime(ctx.clock.now()),
    })
    return { loadbalancer_policy_id }
  },
})
