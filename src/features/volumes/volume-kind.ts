// The volume family in the resource registry (src/resource-kinds.ts).
import { statefulKind } from '../resources/resource-kind.ts'

export const volumeKind = statefulKind({
  type: 'volume',
  prefix: 'vol',
  table: 'volumes',
  idColumn: 'volume_id',
  nameColumn: 'volume_name',
  goneStatuses: ['deleted', 'ceased'],
  taggable: true,
  quota: { count: 'volume', sums: { volume_size: 'size' } },
  lifecycle: { recycle: { from: 'deleted', to: 'ceased' }, leased: { suspendFrom: ['available', 'in-use'] } },
})
