// images: the system catalogue (image.ts) and users' captured and imported images. Capturing,
// importing and exporting need the image warehouse (features/warehouse) to be on.
//
// Limitations: images are per zone and never shared between users (no `shared` provider, no
// copying across zones); `target_user` of CaptureInstance is ignored; `verbose` adds nothing;
// there is no image quota. A captured image is a record plus a JSON descriptor in the warehouse,
// not a disk copy: instances launched from it (or from an imported image, whose file is kept but
// never booted) start from the same simulated disk as any other. ImportImage and ExportImage are
// QingLocal's own (QingCloud documents neither). ImportImage fetches in its job (a failed download
// shows only as the job's error_codes 1100, no reason); ExportImage still copies inside the request.
import type { Action } from '../../protocol/action.ts'
import { captureInstance } from './actions/capture-instance.ts'
import { deleteImages } from './actions/delete-images.ts'
import { describeImages } from './actions/describe-images.ts'
import { exportImage } from './actions/export-image.ts'
import { importImage } from './actions/import-image.ts'
import { modifyImageAttributes } from './actions/modify-image-attributes.ts'

export const imageActions: Action[] = [describeImages, modifyImageAttributes, deleteImages, captureInstance, importImage, exportImage]
