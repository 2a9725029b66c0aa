// ImportImage: a private image of the caller's from a disk file, downloaded from `url` (http or
// https) or copied from `file` in the warehouse's imports/ directory (where an operator puts it).
// QingCloud documents no such action; the parameters follow its image fields (image_name,
// platform, os_family, processor_type, size) and the reply is CaptureInstance's (image_id, job_id).
//
// The request only checks and records: parameters, the URL's syntax and, when its host is an IP
// address, that the address is allowed; `file`'s path (`..`, absolute paths elsewhere and symbolic
// links leading out of imports/ are refused), all 1100. It answers at once with the image
// `pending` and its job. The transfer is the job's work step, in the background (job-runner.ts: at
// most QINGLOCAL_IMPORT_CONCURRENCY at once, retried after a crash): a download refuses
// non-public addresses on every hop (warehouse/download.ts), stops at 512 MiB (IMPORT_MAX_BYTES)
// and at QINGLOCAL_IMPORT_TIMEOUT_MS for the whole transfer. When it fails the job fails (1100,
// saying only that the source could not be downloaded), the image is `ceased` and nothing of the
// file stays; otherwise settle makes the image `available`. The content is kept as given and never
// interpreted (QingLocal does not boot disks).
import { basename } from 'node:path'
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Int, OneOf, Optional, Str } from '../../../protocol/params.ts'
import { requireWarehouse } from '../../warehouse/warehouse.ts'
import { downloadTo, refusedLiteralAddress, SourceFailed } from '../../warehouse/download.ts'
import { copyIntoWarehouse, IMPORT_MAX_BYTES, imageFileOf, parseImportUrl, resolveImportFile, warehousePath } from '../../warehouse/warehouse-files.ts'
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
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  return text.replaceAll(/[\u0000-\u001f\u007f]/g, '')
}

interface Imported {
  image_id: string
  /** The name when image_name is not given: the file's or the URL's last part. */
  name: string
  /** The image's file, relative to the warehouse directory. */
  warehouse_file: string
  /** What the job's work fetches: a URL (normalised) or `file` as given. */
  source: { url: string } | { file: string }
}

/** Only that the source failed: never what the remote answered (a user must not scan ports or paths through this). */
const notDownloaded = (url: string) => new ApiError('InvalidRequestFormat', `parameter url [${url}] could not be downloaded`)

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
  // the source is a url or a file; a job queued by an earlier version, which fetched the file in the request, has only its image
  job: { payload: Type.Object({ image: Type.String(), warehouse_file: Type.Optional(Type.String()), url: Type.Optional(Type.String()), file: Type.Optional(Type.String()) }) },
  // the job works as long as its transfer takes
  workMs: 0,
  async prepare(params, ctx): Promise<Imported> {
    await requireWarehouse(ctx.db, 'ImportImage')
    if (params.url !== undefined && params.file !== undefined) throw new ApiError('InvalidRequestFormat', 'give either parameter url or parameter file, not both')
    if (params.url === undefined && params.file === undefined) throw new ApiError('InvalidRequestFormat', 'missing parameter url or file')
    const image_id = ctx.ids.resource('img')
    const warehouse_file = imageFileOf(ctx.zone, image_id, 'upload')
    if (params.url !== undefined) {
      const url = parseImportUrl(params.url)
      // an address in the URL itself is refused now; names are resolved, and checked, by the job
      if (refusedLiteralAddress(url, ctx.settings.importAllowPrivateSources)) {
        throw new ApiError('InvalidRequestFormat', `parameter url [${url.href}] names an address that is not allowed (loopback, private, link-local, multicast or reserved)`)
      }
      const name = lastPart(url.pathname) || url.hostname
      return { image_id, name: name.slice(0, IMAGE_NAME_MAX), warehouse_file, source: { url: url.href } }
    }
    const source = await resolveImportFile(ctx.settings.warehouseDir, params.file!)
    return { image_id, name: basename(source.path).slice(0, IMAGE_NAME_MAX), warehouse_file, source: { file: params.file! } }
  },
  async handle(params, ctx, imported) {
    // the warehouse may have been turned off since prepare looked
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
    const job_id = await ctx.jobs.start({ resource_ids: [imported.image_id], payload: { image: imported.image_id, warehouse_file: imported.warehouse_file, ...imported.source } })
    return { image_id: imported.image_id, job_id }
  },
  workLeaseMs: (settings) => settings.importTimeoutMs + 60_000,
  // the transfer, outside any transaction; safe to repeat (the file is written anew and renamed into place)
  async work(job, { settings, signal, log }) {
    const { url, file, warehouse_file } = job.payload
    // a job queued by an earlier version, which fetched the file in the request
    if (warehouse_file === undefined) return
    const dir = settings.warehouseDir
    if (url !== undefined) {
      try {
        await downloadTo(new URL(url), warehousePath(dir, warehouse_file), { maxBytes: IMPORT_MAX_BYTES, timeoutMs: settings.importTimeoutMs, allowPrivate: settings.importAllowPrivateSources, signal })
      } catch (error) {
        if (!(error instanceof SourceFailed)) throw error
        // the reason is for the operator's log, never for the user
        log.info({ job_id: job.job_id, image_id: job.payload.image, reason: error.reason }, 'ImportImage source could not be downloaded')
        throw notDownloaded(url)
      }
    } else {
      // checked again: imports/ may have changed since the request
      const source = await resolveImportFile(dir, file!)
      await copyIntoWarehouse(dir, source.path, warehouse_file)
    }
  },
  async settle(job, { db, clock }) {
    const { image } = job.payload
    const row = await findImage(db, job.zone_id, image)
    if (row?.transition_status !== 'creating') throw new Error(`image ${image} is no longer being created`)
    await updateImages(db, job.zone_id, [image], { status: 'available', transition_status: '', status_time: formatTime(clock.now()) })
  },
  // the import never finished: the image is gone for good, and the recycle-bin sweep removes its file
  async onFailure(job, { db, clock }) {
    await updateImages(db, job.zone_id, [job.payload.image], { status: 'ceased', transition_status: '', status_time: formatTime(clock.now()) })
  },
})
