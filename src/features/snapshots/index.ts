// snapshots: points in time of volumes and instances, in chains of a full snapshot and its
// incremental points (reference 3.9, 2.2); volumes made from them.
//
// Limitations:
// - no data is copied: a snapshot records the disk's size and place in its chain, ApplySnapshots
//   only takes the resource through `updating`.
// - a chain is capped at MAX_CHAIN_POINTS (30) points; the next snapshot starts a new full chain.
// - CaptureInstanceFromSnapshot and recovery from the recycle bin are not implemented; deleted
//   incremental points wait in the recycle bin like full ones.
// - a rolled-back volume keeps its current size.
// - CreateSnapshots answers `job_id` as a list of one job id, as the Go SDK decodes it since 2024
//   (qingcloud-sdk-go 09c3c0d); the docs print a string, and an older vendored SDK (the CSI driver's)
//   fails to decode the list. The Python SDK and the CLI pass either through.
import type { Action } from '../../protocol/action.ts'
import { applySnapshots } from './actions/apply-snapshots.ts'
import { createSnapshots } from './actions/create-snapshots.ts'
import { createVolumeFromSnapshot } from './actions/create-volume-from-snapshot.ts'
import { deleteSnapshots } from './actions/delete-snapshots.ts'
import { describeSnapshots } from './actions/describe-snapshots.ts'
import { modifySnapshotAttributes } from './actions/modify-snapshot-attributes.ts'

export const snapshotActions: Action[] = [createSnapshots, describeSnapshots, deleteSnapshots, applySnapshots, createVolumeFromSnapshot, modifySnapshotAttributes]
