// Snapshots as the API sees them: chains, sizes, the messages the clients match, and the
// DescribeSnapshots item.
//
// A chain is a full snapshot (snapshot_type 1, parent_id 'self', root_id its own id) followed by
// incremental points (snapshot_type 0), each the child of the one before (reference 2.2). The
// newest point of a chain is its head (is_head 1). A resource's next snapshot continues the chain
// of its newest point unless is_full=1 asks for a new chain, the chain already holds
// MAX_CHAIN_POINTS points, or the disk's size changed since.
import { ApiError } from '../../errors.ts'
import type { SnapshotTable } from '../../store/database.ts'
import type { ResourceTag } from '../tags/tag-repo.ts'

/** A full snapshot and 29 incremental points; the 31st snapshot starts a new full chain. */
export const MAX_CHAIN_POINTS = 30

/** parent_id of a chain's full snapshot (reference 2.2). */
export const CHAIN_ROOT = 'self'

export const SNAPSHOT_TYPE = { incremental: 0, full: 1 } as const

/**
 * The label of snapshots in "please try later" messages: CSI matches
 * `resource [ss-…] is [creating], please try later` (reference 1.9).
 */
export const BUSY_LABEL = 'resource'

export const MB_PER_GB = 1024

/** A snapshot's size is the disk's: volume size, or an instance's system disk, in MB. */
export const snapshotSizeMb = (diskGb: number): number => diskGb * MB_PER_GB

/** The GB a snapshot is priced by (its size rounded up to whole GB). */
export const snapshotGb = (sizeMb: number): number => Math.ceil(sizeMb / MB_PER_GB)

/** CSI's exact text (reference 1.9, 4): a volume can only be made from an available snapshot. */
export function notAvailableForVolume(snapshotId: string): ApiError {
  return new ApiError('PermissionDenied', `snapshot [${snapshotId}] is not available, can not create volume from it`)
}

/** What DescribeSnapshots reports about a snapshot's chain: its live points, their sizes, the newest time. */
export interface ChainStats {
  total_count: number
  total_size: number
  latest: string | null
  /** The chain holds its resource's newest live point (the chain a next incremental point extends). */
  current: boolean
}

/**
 * The DescribeSnapshots item. total_count / total_size / lastest_snapshot_time describe the chain
 * the snapshot belongs to. `lastest_snapshot_time` is the real API's spelling, the Go SDK reads
 * `latest_snapshot_time`: both are sent.
 */
export function snapshotItem(row: SnapshotTable, chain: ChainStats | undefined, resourceName: string, tags: ResourceTag[]) {
  const latest = chain?.latest ?? row.snapshot_time
  return {
    snapshot_id: row.snapshot_id,
    snapshot_name: row.snapshot_name,
    description: row.description,
    snapshot_type: row.snapshot_type,
    status: row.status,
    transition_status: row.transition_status,
    create_time: row.create_time,
    status_time: row.status_time,
    snapshot_time: row.snapshot_time,
    is_taken: row.is_taken,
    is_head: row.is_head,
    root_id: row.root_id,
    parent_id: row.parent_id,
    size: row.size,
    total_size: chain?.total_size ?? row.size,
    total_count: chain?.total_count ?? 1,
    // 1 for the points of the resource's current chain (the Go SDK's Snapshot.head_chain, an int)
    head_chain: chain?.current ? 1 : 0,
    lastest_snapshot_time: latest,
    latest_snapshot_time: latest,
    resource: { resource_id: row.resource_id, resource_name: resourceName, resource_type: row.resource_type },
    owner: row.owner,
    zone_id: row.zone_id,
    console_id: 'qingcloud',
    controller: 'self',
    sub_code: 0,
    tags,
  }
}
