// What a security group rule is and the checks every rule passes, whether added
// (AddSecurityGroupRules), or changed (ModifySecurityGroupRuleAttributes, which re-checks the rule
// as it will be after the change). Every message names the parameter as the client wrote it
// (`rules.2.val1`, or `val1` for a modify).
//
// - protocol: tcp, udp, icmp, gre, esp, ah, ipip by name (numeric protocol ids are not accepted:
//   the schema's OneOf refuses them with the parameter's name);
// - priority 0–100 (lower is evaluated first), action accept|drop, direction 0 inbound | 1 outbound
//   (the schema checks these);
// - tcp/udp: val1 the first port, val2 the last (1–65535, val1 <= val2); val1 alone is one port,
//   neither is every port, val2 without val1 is refused;
// - icmp: val1 the type, val2 the code (0–255 each, both optional: absent = any);
// - other protocols carry no ports: val1/val2 must be empty;
// - val3: the remote side, an IPv4 address or CIDR (absent = anywhere).
import { ApiError } from '../../errors.ts'
import type { SecurityGroupRuleTable } from '../../store/database.ts'
import { integerIn, isIpv4, isIpv4Cidr } from '../resources/wire-values.ts'

export const PROTOCOLS = ['tcp', 'udp', 'icmp', 'gre', 'esp', 'ah', 'ipip'] as const
export const RULE_ACTIONS = ['accept', 'drop'] as const

/** A rule's checked content, the way it is stored ('' for an absent value). */
export type RuleContent = Pick<SecurityGroupRuleTable, 'security_group_rule_name' | 'protocol' | 'priority' | 'action' | 'direction' | 'val1' | 'val2' | 'val3'>

/** Wire name of each field: `rules.1.val1` for AddSecurityGroupRules, `rule_action` for a modify. */
export type FieldNames = (field: 'protocol' | 'action' | 'val1' | 'val2' | 'val3') => string

const invalid = (message: string) => new ApiError('InvalidRequestFormat', message)

/** The remote side of a rule: an IPv4 address or network. */
export const isIpv4OrCidr = (text: string): boolean => isIpv4(text) || isIpv4Cidr(text)

/** Throws 1100 naming the first bad field; returns the rule with values normalised (`022` → `22`). */
export function checkRule(rule: RuleContent, names: FieldNames): RuleContent {
  const { protocol, val1, val2, val3 } = rule
  let [v1, v2] = [val1, val2]
  if (protocol === 'tcp' || protocol === 'udp') {
    if (v2 !== '' && v1 === '') throw invalid(`parameter ${names('val1')} is missing, ${names('val2')} ends a port range that val1 starts`)
    if (v1 !== '') v1 = String(integerIn(v1, names('val1'), 1, 65535, 'port'))
    if (v2 !== '') {
      v2 = String(integerIn(v2, names('val2'), 1, 65535, 'port'))
      if (Number(v2) < Number(v1)) throw invalid(`parameter ${names('val2')} value ${v2} is smaller than ${names('val1')} value ${v1}, a port range runs from val1 to val2`)
    }
  } else if (protocol === 'icmp') {
    if (v1 !== '') v1 = String(integerIn(v1, names('val1'), 0, 255, 'ICMP type'))
    if (v2 !== '') v2 = String(integerIn(v2, names('val2'), 0, 255, 'ICMP code'))
  } else {
    for (const [field, value] of [
      ['val1', v1],
      ['val2', v2],
    ] as const) {
      if (value !== '') throw invalid(`parameter ${names(field)} is not used by protocol [${protocol}], only tcp, udp and icmp rules take ports or ICMP types`)
    }
  }
  if (val3 !== '' && !isIpv4OrCidr(val3)) throw invalid(`parameter ${names('val3')} value ${val3} is not an IPv4 address or CIDR (like 10.0.0.0/8)`)
  return { ...rule, val1: v1, val2: v2 }
}

/** What every user's default group opens: inbound ping (ICMP echo request) and SSH. */
export const DEFAULT_RULES: RuleContent[] = [
  { security_group_rule_name: 'ping', protocol: 'icmp', priority: 0, action: 'accept', direction: 0, val1: '8', val2: '0', val3: '' },
  { security_group_rule_name: 'ssh', protocol: 'tcp', priority: 1, action: 'accept', direction: 0, val1: '22', val2: '', val3: '' },
]

/** A rule in DescribeSecurityGroupRules (val1–val3 are strings, as the Go SDK reads them). */
export function ruleItem(row: SecurityGroupRuleTable) {
  return {
    security_group_rule_id: row.security_group_rule_id,
    security_group_id: row.security_group_id,
    security_group_rule_name: row.security_group_rule_name,
    priority: row.priority,
    protocol: row.protocol,
    action: row.action,
    direction: row.direction,
    val1: row.val1,
    val2: row.val2,
    val3: row.val3,
  }
}
