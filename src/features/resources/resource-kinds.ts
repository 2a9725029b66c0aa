// The resource families that share the generic rules: how an id's prefix maps to its table, what
// the API calls it in messages, which statuses mean "gone" (hidden from unfiltered listings) and
// when the recycle bin empties. Issue #8 adds security groups, vxnets, EIPs and snapshots here.
export interface ResourceKind {
  /** The word used in messages and in `resource_type` (AttachTags). */
  type: 'instance' | 'volume' | 'image' | 'keypair'
  prefix: string
  table: 'instances' | 'volumes' | 'images' | 'keypairs'
  idColumn: 'instance_id' | 'volume_id' | 'image_id' | 'keypair_id'
  nameColumn: 'instance_name' | 'volume_name' | 'image_name' | 'keypair_name'
  /** Statuses left out of listings that name no ids and no status (reference 1.7). */
  goneStatuses: readonly string[]
  /** Deleted → ceased after the recycle-bin period (reference 2.2: recoverable for 2 h). */
  recycle?: { from: string; to: 'ceased' }
}

export const RECYCLE_BIN_MS = 2 * 60 * 60 * 1000

export const kinds = {
  instance: { type: 'instance', prefix: 'i', table: 'instances', idColumn: 'instance_id', nameColumn: 'instance_name', goneStatuses: ['terminated', 'ceased'], recycle: { from: 'terminated', to: 'ceased' } },
  volume: { type: 'volume', prefix: 'vol', table: 'volumes', idColumn: 'volume_id', nameColumn: 'volume_name', goneStatuses: ['deleted', 'ceased'], recycle: { from: 'deleted', to: 'ceased' } },
  image: { type: 'image', prefix: 'img', table: 'images', idColumn: 'image_id', nameColumn: 'image_name', goneStatuses: ['deleted', 'ceased'], recycle: { from: 'deleted', to: 'ceased' } },
  keypair: { type: 'keypair', prefix: 'kp', table: 'keypairs', idColumn: 'keypair_id', nameColumn: 'keypair_name', goneStatuses: [] },
} as const satisfies Record<string, ResourceKind>

/** `i-abcd1234` → the instance kind; undefined for ids of no known family. */
export function kindOfId(id: string): ResourceKind | undefined {
  const prefix = id.slice(0, id.indexOf('-'))
  return Object.values(kinds).find((k) => k.prefix === prefix)
}
