// Security groups (reference 3.6): groups, their rules, and which group each instance is in.
// Every user has a default group per zone (default-group.ts); RunInstances and cluster nodes put
// instances there unless RunInstances names another group. Limitations: rules are stored and
// checked but filter no traffic (there is no data plane); numeric protocol ids are refused; IP
// sets (`sgi-`), security group snapshots and `target_user` are not modelled; ModifySecurityGroup-
// RuleAttributes cannot clear val1–val3 (an empty value means "not given").
import type { Action } from '../../protocol/action.ts'
import { addSecurityGroupRules } from './actions/add-security-group-rules.ts'
import { applySecurityGroup } from './actions/apply-security-group.ts'
import { createSecurityGroup } from './actions/create-security-group.ts'
import { deleteSecurityGroupRules } from './actions/delete-security-group-rules.ts'
import { deleteSecurityGroups } from './actions/delete-security-groups.ts'
import { describeSecurityGroupRules } from './actions/describe-security-group-rules.ts'
import { describeSecurityGroups } from './actions/describe-security-groups.ts'
import { modifySecurityGroupAttributes } from './actions/modify-security-group-attributes.ts'
import { modifySecurityGroupRuleAttributes } from './actions/modify-security-group-rule-attributes.ts'

export const securityGroupActions: Action[] = [
  createSecurityGroup,
  describeSecurityGroups,
  modifySecurityGroupAttributes,
  applySecurityGroup,
  deleteSecurityGroups,
  addSecurityGroupRules,
  describeSecurityGroupRules,
  modifySecurityGroupRuleAttributes,
  deleteSecurityGroupRules,
]
