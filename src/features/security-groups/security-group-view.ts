// A security group as DescribeSecurityGroups shows it. `resources` (the instances in the group) is
// listed with verbose=1 only, as the reference says.
import type { SecurityGroupTable } from '../../store/database.ts'
import type { ResourceTag } from '../tags/tag-repo.ts'
import type { GroupMember } from '../instances/instance-repo.ts'

export function groupItem(row: SecurityGroupTable, tags: ResourceTag[], members: GroupMember[] | undefined) {
  return {
    security_group_id: row.security_group_id,
    security_group_name: row.security_group_name,
    description: row.description,
    is_applied: row.is_applied,
    is_default: row.is_default,
    ...(members && { resources: members.map((m) => ({ resource_id: m.instance_id, resource_name: m.instance_name, resource_type: 'instance' })) }),
    tags,
    owner: row.owner,
    zone_id: row.zone_id,
    create_time: row.create_time,
  }
}
