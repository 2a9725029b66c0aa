// volumes: block storage attached to instances (reference 3.4).
//
// Limitations:
// - one replication policy: every volume reports repl `rpp-00000002`; a requested `repl` is accepted, not kept.
// - no CloneVolumes or recovery from the recycle bin yet (snapshots: features/snapshots/).
// - at most 10 volumes per instance (/dev/vdb … /dev/vdk); more → 1400.
import type { Action } from '../../protocol/action.ts'
import { attachVolumes } from './actions/attach-volumes.ts'
import { createVolumes } from './actions/create-volumes.ts'
import { deleteVolumes } from './actions/delete-volumes.ts'
import { describeVolumes } from './actions/describe-volumes.ts'
import { detachVolumes } from './actions/detach-volumes.ts'
import { modifyVolumeAttributes } from './actions/modify-volume-attributes.ts'
import { resizeVolumes } from './actions/resize-volumes.ts'

export const volumeActions: Action[] = [createVolumes, describeVolumes, attachVolumes, detachVolumes, resizeVolumes, deleteVolumes, modifyVolumeAttributes]
