// The EIP family in the resource registry (src/resource-kinds.ts). A released EIP's address goes
// back to the pool at once; the row stays describable for two hours.
import { statefulKind } from '../resources/resource-kind.ts'

export const eipKind = statefulKind({
  type: 'eip',
  prefix: 'eip',
  table: 'eips',
  idColumn: 'eip_id',
  nameColumn: 'eip_name',
  goneStatuses: ['released', 'ceased'],
  taggable: true,
  quota: { count: 'eip' },
  lifecycle: { recycle: { from: 'released', to: 'ceased' }, leased: { suspendFrom: ['available', 'associated'] } },
})
