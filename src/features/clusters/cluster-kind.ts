// The cluster family in the resource registry (src/resource-kinds.ts): only its status is generic.
// Its nodes are instances, which carry the quota, the leases and the tags; a deleted cluster is
// ceased by the recycle bin with them (its nodes are terminated by the same job).
import { statefulKind } from '../resources/resource-kind.ts'

export const clusterKind = statefulKind({
  type: 'cluster',
  prefix: 'cl',
  table: 'clusters',
  idColumn: 'cluster_id',
  nameColumn: 'name',
  goneStatuses: ['deleted', 'ceased'],
  taggable: false,
  lifecycle: { recycle: { from: 'deleted', to: 'ceased' } },
})
