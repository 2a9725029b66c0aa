// The instance family in the resource registry (src/resource-kinds.ts).
import { statefulKind } from '../resources/resource-kind.ts'

export const instanceKind = statefulKind({
  type: 'instance',
  prefix: 'i',
  table: 'instances',
  idColumn: 'instance_id',
  nameColumn: 'instance_name',
  goneStatuses: ['terminated', 'ceased'],
  taggable: true,
  quota: { count: 'instance', sums: { cpu: 'vcpus_current', memory: 'memory_current' } },
  lifecycle: { recycle: { from: 'terminated', to: 'ceased' }, leased: { suspendFrom: ['running', 'stopped'] } },
})
