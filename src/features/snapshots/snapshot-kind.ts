// The snapshot family in the resource registry (src/resource-kinds.ts).
import { statefulKind } from '../resources/resource-kind.ts'

export const snapshotKind = statefulKind({
  type: 'snapshot',
  prefix: 'ss',
  table: 'snapshots',
  idColumn: 'snapshot_id',
  nameColumn: 'snapshot_name',
  goneStatuses: ['deleted', 'ceased'],
  taggable: true,
  quota: { count: 'snapshot' },
  lifecycle: { recycle: { from: 'deleted', to: 'ceased' }, leased: { suspendFrom: ['available'] } },
})
