// The load-balancer actions of one part: forwarding policies and their rules.
//
// A policy (lbp-…) routes the requests its rules match to the backends that name it
// (loadbalancer_backends.loadbalancer_policy_id). Rules (lbpr-…) are `domain` (the host) or `url`
// (the path) patterns, each a regular expression checked to compile (JavaScript's syntax; the real
// load balancer uses HAProxy's PCRE, which accepts a little more and less). `operator` and|or
// combines them. Creating a policy counts against the `loadbalancer_policy` quota (2500). A change
// to how a policy forwards (operator, balance_mode, priority, its rules; not its name) makes it
// is_applied=0 until ApplyLoadBalancerPolicy's job settles it back to 1. A policy a backend follows
// cannot be deleted (5400 naming the backend); deleting a policy deletes its rules.
//
// Limitations: nothing forwards traffic, so a policy's effect is only what Describe* show. The
// policy has no transition state while ApplyLoadBalancerPolicy runs, and a change made during the
// job is taken as applied when it settles.
import type { Action } from '../../protocol/action.ts'
import { addLoadBalancerPolicyRules } from './actions/add-loadbalancer-policy-rules.ts'
import { applyLoadBalancerPolicy } from './actions/apply-loadbalancer-policy.ts'
import { createLoadBalancerPolicy } from './actions/create-loadbalancer-policy.ts'
import { deleteLoadBalancerPolicies } from './actions/delete-loadbalancer-policies.ts'
import { deleteLoadBalancerPolicyRules } from './actions/delete-loadbalancer-policy-rules.ts'
import { describeLoadBalancerPolicies } from './actions/describe-loadbalancer-policies.ts'
import { describeLoadBalancerPolicyRules } from './actions/describe-loadbalancer-policy-rules.ts'
import { modifyLoadBalancerPolicyAttributes } from './actions/modify-loadbalancer-policy-attributes.ts'
import { modifyLoadBalancerPolicyRuleAttributes } from './actions/modify-loadbalancer-policy-rule-attributes.ts'

export const policyActions: Action[] = [
  createLoadBalancerPolicy,
  describeLoadBalancerPolicies,
  modifyLoadBalancerPolicyAttributes,
  deleteLoadBalancerPolicies,
  applyLoadBalancerPolicy,
  addLoadBalancerPolicyRules,
  describeLoadBalancerPolicyRules,
  modifyLoadBalancerPolicyRuleAttributes,
  deleteLoadBalancerPolicyRules,
]
