// The key pair family in the resource registry (src/resource-kinds.ts).
import { plainKind } from '../resources/resource-kind.ts'

export const keypairKind = plainKind({
  type: 'keypair',
  prefix: 'kp',
  table: 'keypairs',
  idColumn: 'keypair_id',
  nameColumn: 'keypair_name',
  goneStatuses: [],
  taggable: true,
  quota: { count: 'keypair' },
})
