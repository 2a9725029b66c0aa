// The vxnet family in the resource registry (src/resource-kinds.ts), and the base network.
import { plainKind } from '../resources/resource-kind.ts'

/** The platform's shared base network: one id in every zone, with no row in `vxnets`. */
export const BASE_VXNET = 'vxnet-0'

export const vxnetKind = plainKind({
  type: 'vxnet',
  prefix: 'vxnet',
  table: 'vxnets',
  idColumn: 'vxnet_id',
  nameColumn: 'vxnet_name',
  goneStatuses: [],
  taggable: true,
  quota: { count: 'vxnet' },
})
