// ImportImage: a private image of the caller's from a disk file, downloaded from `url` (http or
// https) or copied from `file` in the warehouse's imports/ directory (where an operator puts it).
// QingCloud documents no such action; the parameters follow its image fields (image_name,
// platform, os_family, processor_type, size) and the reply is CaptureInstance's (image_id, job_id).
//
// The file is fetched in `prepare`, before any transaction opens (on SQLite a transaction holds
// the only connection, and a download may take a while), into the image's place in the warehouse;
// so an unreachable URL or an unusable file is answered at once, 1100 naming the reason, and
// nothing is created. The handler then records the image `pending` and queues a job that makes it
// `available`, as a capture does. If the transaction rolls back, the downloaded file is removed.
//
// Limits: 512 MiB (IMPORT_MAX_BYTES), 120 s per download; the content is kept as given and never
// interpreted (QingLocal does not boot disks). `file` must stay inside imports/: `..`, absolute
// paths elsewhere and symbolic links leading out are refused with 1100.
import { basename } from 'node:path'
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Int, OneOf, Optional, Str } from '../../../protocol/params.ts'
import { requireWarehouse } from '../../warehouse/warehouse.ts'
import { copyIntoWarehouse, downloadIntoWarehouse, imageFileOf, parseImportUrl, removeWarehouseFile, resolveImportFile } from '../../warehouse/warehouse-files.ts'
import { IMAGE_DESCRIPTION_MAX, IMAGE_NAME_MAX } from '../image.ts'
import { findImage, insertImage, updateImages } from '../image-repo.ts'

/** What the system disk of instances from an imported image defaults to, by platform (as RunInstances' limits). */
const DEFAULTS = {
  linux: { size: 20, default_user: 'root', recommended_type: 'c1m1', ui_type: 'tui' },
  windows: { size: 50, default_user: 'administrator', recommended_type: 'c2m4', ui_type: 'gui' },
} as const

/** `/images/centos%207.qcow2` → `centos 7.qcow2`. */
function lastPart(pathname: string): string {
  const part = pathname.split('/').filter(Boolean).at(-1) ?? ''
  let text = part
  try {
    text = decodeURIComponent(part)
  } catch {
    // not valid percent-encoding: keep it as written
  }
  // no text column can hold NUL (PostgreSQL refuses it), and no name needs control characters
  return text.replaceAll(/[\u0000-\u001f\u007f]/g, '')
}

interface Imported {
  image_id: string
  /** The name when image_name is not given: the file's or the URL's last part. */
  name: string
  /** The image's file, relative to the warehouse directory. */
  warehouse_file: string
}

export const importImage = defineAction({
  name: 'ImportImage',
  params: Type.Object({
    url: Optional(Str({ maxLength: 2048 })),
    file: Optional(Str({ maxLength: 1024 })),
    image_name: Optional(Str({ maxLength: IMAGE_NAME_MAX })),
    description: Optional(Str({ maxLength: IMAGE_DESCRIPTION_MAX })),
    platform: Optional(OneOf(['linux', 'windows'] as const)),
    os_family: Optional(Str({ maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$' })),
    processor_type: Optional(OneOf(['64bit', '32bit'] as const)),
    // GB; RunInstances allows system disks of up to 100
    size: Optional(Int({ minimum: 1, maximum: 100 })),
    default_user: Optional(Str({ maxLength: 64 })),
  }),
  workMs: 2000,
  async prepare(params, ctx): Promise<Imported> {
    await requireWarehouse(ctx.db, 'ImportImage')
    if (params.url !== undefined && params.file !== undefined) throw new ApiError('InvalidRequestFormat', 'give either parameter url or parameter file, not both')
    if (params.url === undefined && params.file === undefined) throw new ApiError('InvalidRequestFormat', 'missing parameter url or file')
    const dir = ctx.settings.warehouseDir
    const image_id = ctx.ids.resource('img')
    const warehouse_file = imageFileOf(ctx.zone, image_id, 'upload')
    let name: string
    if (params.url !== undefined) {
      const url = parseImportUrl(params.url)
      await downloadIntoWarehouse(dir, url, warehouse_file)
      name = lastPart(url.pathname) || url.hostname
    } else {
      const source = await resolveImportFile(dir, params.file!)
      await copyIntoWarehouse(dir, source.path, warehouse_file)
      name = basename(source.path)
    }
    return { image_id, name: name.slice(0, IMAGE_NAME_MAX), warehouse_file }
  },
  async handle(params, ctx, imported) {
    // whatever makes this transaction roll back, the file fetched for it goes too
    ctx.afterRollback(() => removeWarehouseFile(ctx.settings.warehouseDir, imported.warehouse_file))
    // the warehouse may have been turned off while the file was fetched
    await requireWarehouse(ctx.db, 'ImportImage')
    const platform = (params.platform ?? 'linux') as keyof typeof DEFAULTS
    const defaults = DEFAULTS[platform]
    const time = formatTime(ctx.clock.now())
    await insertImage(ctx.db, {
      zone_id: ctx.zone,
      image_id: imported.image_id,
      image_name: params.image_name ?? imported.name,
      description: params.description ?? null,
      owner: ctx.caller.user_id,
      provider: 'self',
      visibility: 'private',
      platform,
      os_family: params.os_family ?? platform,
      processor_type: params.processor_type ?? '64bit',
      // QingLocal cannot look inside the disk, so the image claims no optional feature (encrypted disks)
      features: 0,
      recommended_type: defaults.recommended_type,
      default_user: params.default_user ?? defaults.default_user,
      default_passwd: '',
      ui_type: defaults.ui_type,
      size: params.size ?? defaults.size,
      source_instance_id: '',
      warehouse_file: imported.warehouse_file,
      status: 'pending',
      transition_status: 'creating',
      create_time: time,
      status_time: time,
    })
    const job_id = await ctx.jobs.start({ resource_ids: [imported.image_id], payload: { image: imported.image_id } })
    return { image_id: imported.image_id, job_id }
  },
  async settle(job, { db, clock }) {
    const image = job.payload.image as string
    const row = await findImage(db, job.zone_id, image)
    if (row?.transition_status !== 'creating') throw new Error(`image ${image} is no longer being created`)
    await updateImages(db, job.zone_id, [image], { status: 'available', transition_status: '', status_time: formatTime(clock.now()) })
  },
  // the import never finished: the image is gone for good, and the recycle-bin sweep removes its file
  async onFailure(job, { db, clock }) {
    await updateImages(db, job.zone_id, [job.payload.image as string], { status: 'ceased', transition_status: '', status_time: formatTime(clock.now()) })
  },
})
