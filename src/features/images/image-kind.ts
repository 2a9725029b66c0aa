// The image family in the resource registry (src/resource-kinds.ts). Images have no quota and no lease.
import { statefulKind } from '../resources/resource-kind.ts'

export const imageKind = statefulKind({
  type: 'image',
  prefix: 'img',
  table: 'images',
  idColumn: 'image_id',
  nameColumn: 'image_name',
  goneStatuses: ['deleted', 'ceased'],
  taggable: true,
  lifecycle: { recycle: { from: 'deleted', to: 'ceased' } },
})
