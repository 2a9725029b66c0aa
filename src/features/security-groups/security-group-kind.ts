// The security group family in the resource registry (src/resource-kinds.ts).
import { plainKind } from '../resources/resource-kind.ts'

export const securityGroupKind = plainKind({
  type: 'security_group',
  prefix: 'sg',
  table: 'security_groups',
  idColumn: 'security_group_id',
  nameColumn: 'security_group_name',
  goneStatuses: [],
  taggable: true,
  quota: { count: 'security_group' },
})
