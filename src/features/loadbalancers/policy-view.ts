// What DescribeLoadBalancerPolicies, DescribeLoadBalancerPolicyRules and DescribeServerCertificates
// show (reference load-balancers.md §2.4). Names are always strings and integers JSON numbers (the
// Go SDK decodes them into typed pointers); `loadbalancer_ids` only at verbose=1.
import type { LoadBalancerPolicyRuleTable, LoadBalancerPolicyTable, ServerCertificateTable } from '../../store/database.ts'

export function policyItem(row: LoadBalancerPolicyTable, loadBalancerIds: readonly string[] | undefined) {
  return {
    loadbalancer_policy_id: row.loadbalancer_policy_id,
    loadbalancer_policy_name: row.loadbalancer_policy_name,
    operator: row.operator,
    balance_mode: row.balance_mode,
    priority: row.priority,
    is_applied: row.is_applied,
    create_time: row.create_time,
    owner: row.owner,
    zone_id: row.zone_id,
    ...(loadBalancerIds && { loadbalancer_ids: [...loadBalancerIds] }),
  }
}

export function policyRuleItem(row: LoadBalancerPolicyRuleTable) {
  return {
    loadbalancer_policy_rule_id: row.loadbalancer_policy_rule_id,
    loadbalancer_policy_rule_name: row.loadbalancer_policy_rule_name,
    loadbalancer_policy_id: row.loadbalancer_policy_id,
    rule_type: row.rule_type,
    val: row.val,
    create_time: row.create_time,
    owner: row.owner,
    zone_id: row.zone_id,
  }
}

/** The private key as given, opened from its sealed form (the docs return it). */
export function certificateItem(row: ServerCertificateTable, privateKey: string) {
  return {
    server_certificate_id: row.server_certificate_id,
    server_certificate_name: row.server_certificate_name,
    description: row.description,
    certificate_content: row.certificate_content,
    private_key: privateKey,
    create_time: row.create_time,
    owner: row.owner,
    zone_id: row.zone_id,
  }
}
