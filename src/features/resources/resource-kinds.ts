// The resource families that share the generic rules: how an id's prefix maps to its table, what
// the API calls it in messages, which statuses mean "gone" (hidden from unfiltered listings) and
// when the recycle bin empties. Adding a family here also makes it taggable (tags/taggable.ts).
export interface ResourceKind {
  /** The word used in messages and in `resource_type` (AttachTags). */
  type: 'instance' | 'volume' | 'image' | 'keypair' | 'security_group' | 'vxnet' | 'eip' | 'snapshot'
  prefix: string
  table: 'instances' | 'volumes' | 'images' | 'keypairs' | 'security_groups' | 'vxnets' | 'eips' | 'snapshots'
  idColumn: 'instance_id' | 'volume_id' | 'image_id' | 'keypair_id' | 'security_group_id' | 'vxnet_id' | 'eip_id' | 'snapshot_id'
  nameColumn: 'instance_name' | 'volume_name' | 'image_name' | 'keypair_name' | 'security_group_name' | 'vxnet_name' | 'eip_name' | 'snapshot_name'
  /** Statuses left out of listings that name no ids and no status (reference 1.7). */
  goneStatuses: readonly string[]
  /** Deleted → ceased after the recycle-bin period (reference 2.2: recoverable for 2 h). */
  recycle?: { from: string; to: 'ceased' }
}

/** The platform's shared base network: one id in every zone, with no row in `vxnets`. */
export const BASE_VXNET = 'vxnet-0'

export const RECYCLE_BIN_MS = 2 * 60 * 60 * 1000

export const kinds = {
  instance: { type: 'instance', prefix: 'i', table: 'instances', idColumn: 'instance_id', nameColumn: 'instance_name', goneStatuses: ['terminated', 'ceased'], recycle: { from: 'terminated', to: 'ceased' } },
  volume: { type: 'volume', prefix: 'vol', table: 'volumes', idColumn: 'volume_id', nameColumn: 'volume_name', goneStatuses: ['deleted', 'ceased'], recycle: { from: 'deleted', to: 'ceased' } },
  image: { type: 'image', prefix: 'img', table: 'images', idColumn: 'image_id', nameColumn: 'image_name', goneStatuses: ['deleted', 'ceased'], recycle: { from: 'deleted', to: 'ceased' } },
  keypair: { type: 'keypair', prefix: 'kp', table: 'keypairs', idColumn: 'keypair_id', nameColumn: 'keypair_name', goneStatuses: [] },
  security_group: { type: 'security_group', prefix: 'sg', table: 'security_groups', idColumn: 'security_group_id', nameColumn: 'security_group_name', goneStatuses: [] },
  vxnet: { type: 'vxnet', prefix: 'vxnet', table: 'vxnets', idColumn: 'vxnet_id', nameColumn: 'vxnet_name', goneStatuses: [] },
  // a released EIP's address goes back to the pool at once; the row stays describable for two hours
  eip: { type: 'eip', prefix: 'eip', table: 'eips', idColumn: 'eip_id', nameColumn: 'eip_name', goneStatuses: ['released', 'ceased'], recycle: { from: 'released', to: 'ceased' } },
  snapshot: { type: 'snapshot', prefix: 'ss', table: 'snapshots', idColumn: 'snapshot_id', nameColumn: 'snapshot_name', goneStatuses: ['deleted', 'ceased'], recycle: { from: 'deleted', to: 'ceased' } },
} as const satisfies Record<string, ResourceKind>

/** The families that have a status and transitions, and a recycle bin (deleted → ceased). */
export const statefulKinds = [kinds.instance, kinds.volume, kinds.image, kinds.eip, kinds.snapshot] as const

/** `i-abcd1234` → the instance kind; undefined for ids of no known family. */
export function kindOfId(id: string): ResourceKind | undefined {
  const prefix = id.slice(0, id.indexOf('-'))
  return Object.values(kinds).find((k) => k.prefix === prefix)
}
