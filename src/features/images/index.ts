// images: the system catalogue (image.ts) and users' captured images.
//
// Limitations: images are per zone and never shared between users (no `shared` provider, no
// copying across zones); `target_user` of CaptureInstance is ignored; `verbose` adds nothing;
// there is no image quota. A captured image is a record, not a disk copy: instances launched
// from it start from the same simulated disk as any other.
import type { Action } from '../../protocol/action.ts'
import { captureInstance } from './actions/capture-instance.ts'
import { deleteImages } from './actions/delete-images.ts'
import { describeImages } from './actions/describe-images.ts'
import { modifyImageAttributes } from './actions/modify-image-attributes.ts'

export const imageActions: Action[] = [describeImages, modifyImageAttributes, deleteImages, captureInstance]
