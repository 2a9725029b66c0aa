// images: the system catalogue (image.ts) and users' captured images.
//
// Limitations: images are per zone and never shared between users (no `shared` provider, no
// image copying across zones); `target_user` of CaptureInstance is ignored; `verbose` adds nothing.
import type { Action } from '../../protocol/action.ts'
import { describeImages } from './actions/describe-images.ts'

export const imageActions: Action[] = [describeImages]
