// The warehouse's files: real files in the configured directory (QINGLOCAL_WAREHOUSE_DIR, default
// <data>/warehouse), laid out as
//
//   images/<zone>/<image_id>.json   a captured image: a JSON descriptor standing for its disk
//   images/<zone>/<image_id>.img    an imported image: the bytes downloaded or copied, as given
//   imports/…                       files an operator puts there for ImportImage `file=`
//   exports/<owner>/<image_id>.…    ExportImage's copies, left for the operator to hand out
//
// QingLocal simulates disks, so a captured image has no disk data to store: its file is a
// descriptor of what the disk would be (see imageDescriptor), never a pretend disk. Imported files
// are kept byte for byte and never interpreted.
//
// Files appear whole or not at all: each is written under a temporary name and renamed into place.
// A row's `warehouse_file` is relative to the directory, so the directory can move between runs.
import { randomBytes } from 'node:crypto'
import { constants, access, copyFile, lstat, mkdir, readdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { ApiError } from '../../errors.ts'
import type { Queryable } from '../../store/database.ts'
import { ceasedImagesWithFiles, forgetCeasedImageFile } from '../images/image-repo.ts'

export const IMAGES_DIR = 'images'
export const IMPORTS_DIR = 'imports'
export const EXPORTS_DIR = 'exports'

/** The largest file ImportImage takes (downloaded or copied): 512 MiB. */
export const IMPORT_MAX_BYTES = 512 * 1024 * 1024

/** Creates the directory and its three parts, and checks that QingLocal may write there. */
export async function prepareWarehouseDirectory(dir: string): Promise<void> {
  for (const part of [IMAGES_DIR, IMPORTS_DIR, EXPORTS_DIR]) await mkdir(join(dir, part), { recursive: true })
  await access(dir, constants.R_OK | constants.W_OK)
}

/** Where an image's file lives, relative to the warehouse directory (always with `/`). */
export function imageFileOf(zone: string, imageId: string, kind: 'descriptor' | 'upload'): string {
  return `${IMAGES_DIR}/${zone}/${imageId}${kind === 'descriptor' ? '.json' : '.img'}`
}

/** True when `path` is `root` itself or lies below it. */
function within(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

/** The absolute path of a file recorded relative to the directory; refuses anything that leaves it. */
export function warehousePath(dir: string, file: string): string {
  const root = resolve(dir)
  const path = resolve(root, file)
  if (file === '' || path === root || !within(root, path)) throw new Error(`warehouse file [${file}] is not inside the warehouse directory`)
  return path
}

/** Files being written carry this mark until they are renamed into place; they are never counted, and stale ones are swept. */
const PART = '.part-'

export const temporaryName = (path: string) => `${path}${PART}${randomBytes(6).toString('hex')}`

/** Moves a finished temporary file into place, or removes it when that fails. */
export async function publish(temporary: string, path: string): Promise<void> {
  try {
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

export interface ImageDescriptor {
  image_id: string
  zone_id: string
  owner: string
  image_name: string
  source_instance_id: string
  source_image_id: string
  platform: string
  os_family: string
  processor_type: string
  /** The system disk's size in GB. */
  size: number
  captured_time: string
}

/** The file a captured image gets: what its disk is, said plainly, and no pretend disk data. */
export function imageDescriptor(image: ImageDescriptor): string {
  return `${JSON.stringify(
    {
      format: 'qinglocal-image-descriptor/1',
      note: 'QingLocal simulates disks: this descriptor stands for the captured system disk and holds no disk data',
      ...image,
    },
    null,
    2,
  )}\n`
}

export async function writeWarehouseFile(dir: string, file: string, content: string): Promise<number> {
  const path = warehousePath(dir, file)
  await mkdir(dirname(path), { recursive: true })
  const temporary = temporaryName(path)
  await writeFile(temporary, content, { flag: 'wx' })
  await publish(temporary, path)
  return Buffer.byteLength(content)
}

/** Removes one file of the warehouse, if it is there (undoing a write whose transaction failed). */
export async function removeWarehouseFile(dir: string, file: string): Promise<void> {
  await rm(warehousePath(dir, file), { force: true })
}

/** An absolute path that is really inside `imports/`, and the file's size. */
export interface ImportSource {
  path: string
  bytes: number
}

const badFile = (file: string, problem: string) => new ApiError('InvalidRequestFormat', `parameter file [${file}] ${problem}`)

/**
 * ImportImage's `file`: a path relative to the warehouse's `imports/` (or an absolute one inside
 * it). Anything that leads elsewhere – `..`, an absolute path outside, a symbolic link out of the
 * directory – is refused with 1100, as is anything but a non-empty regular file within the limit.
 */
export async function resolveImportFile(dir: string, file: string): Promise<ImportSource> {
  const imports = resolve(dir, IMPORTS_DIR)
  const candidate = resolve(imports, file)
  if (candidate === imports || !within(imports, candidate)) throw badFile(file, `is outside the warehouse's ${IMPORTS_DIR}/ directory`)
  let real: string
  let realImports: string
  try {
    realImports = await realpath(imports)
    real = await realpath(candidate)
  } catch {
    throw badFile(file, `does not exist in the warehouse's ${IMPORTS_DIR}/ directory`)
  }
  // a symbolic link inside imports/ must not lead out of it
  if (real === realImports || !within(realImports, real)) throw badFile(file, `is outside the warehouse's ${IMPORTS_DIR}/ directory`)
  const info = await stat(real)
  if (!info.isFile()) throw badFile(file, 'is not a regular file')
  if (info.size === 0) throw badFile(file, 'is empty')
  if (info.size > IMPORT_MAX_BYTES) throw badFile(file, `is larger than the import limit of ${IMPORT_MAX_BYTES} bytes`)
  return { path: real, bytes: info.size }
}

/** Copies an import source to the image's place in the warehouse. */
export async function copyIntoWarehouse(dir: string, source: string, file: string): Promise<void> {
  const path = warehousePath(dir, file)
  await mkdir(dirname(path), { recursive: true })
  const temporary = temporaryName(path)
  try {
    await copyFile(source, temporary, constants.COPYFILE_EXCL)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  await publish(temporary, path)
}

const badUrl = (url: string, problem: string) => new ApiError('InvalidRequestFormat', `parameter url [${url}] ${problem}`)

/** An http(s) URL, or 1100. */
export function parseImportUrl(url: string): URL {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw badUrl(url, 'is not a valid URL')
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw badUrl(url, 'must use http or https')
  return parsed
}

/**
 * ExportImage's copy of an image's file: `exports/<owner>/<image_id><ext>`, replacing an earlier
 * export of the same image. Returns where it went (relative) and its size.
 */
export async function exportImageFile(dir: string, file: string, owner: string, imageId: string): Promise<{ export_file: string; file_size: number }> {
  const source = warehousePath(dir, file)
  const export_file = `${EXPORTS_DIR}/${owner}/${imageId}${extname(file)}`
  const target = warehousePath(dir, export_file)
  await mkdir(dirname(target), { recursive: true })
  const temporary = temporaryName(target)
  try {
    await copyFile(source, temporary, constants.COPYFILE_EXCL)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
  await publish(temporary, target)
  return { export_file, file_size: (await stat(target)).size }
}

/** The size of an image's file, or undefined when it is not (or no longer) in the warehouse. */
export async function warehouseFileSize(dir: string, file: string): Promise<number | undefined> {
  if (file === '') return undefined
  try {
    const info = await stat(warehousePath(dir, file))
    return info.isFile() ? info.size : undefined
  } catch {
    return undefined
  }
}

/**
 * The files of images that are gone for good (`ceased`: the recycle bin emptied, a failed capture
 * or import) are removed, and their rows forget them. Runs with the recycle-bin sweep; safe to
 * repeat after a crash at any point (a missing file is simply gone already). Returns how many.
 */
export async function removeCeasedImageFiles(db: Queryable, dir: string): Promise<number> {
  const rows = await ceasedImagesWithFiles(db)
  for (const row of rows) {
    await rm(warehousePath(dir, row.warehouse_file), { force: true })
    await forgetCeasedImageFile(db, row.zone_id, row.image_id)
  }
  return rows.length
}

const vanished = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT'

/**
 * Every regular file below `dir` (links are not followed); nothing when it does not exist. A
 * directory that vanishes between listing and reading (imports run meanwhile) is skipped.
 */
async function* filesBelow(dir: string): AsyncGenerator<{ path: string; name: string }> {
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    return
  }
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* filesBelow(path)
    else if (entry.isFile()) yield { path, name: entry.name }
  }
}

/**
 * Bytes in every regular file below `dir` (images, imports and exports). 0 when it does not
 * exist. Imports run while it counts: temporary `.part-…` files are not counted, and a file that
 * vanishes between listing and looking (renamed into place, removed) is skipped.
 */
export async function bytesBelow(dir: string): Promise<number> {
  let total = 0
  for await (const file of filesBelow(dir)) {
    if (file.name.includes(PART)) continue
    try {
      total += (await lstat(file.path)).size
    } catch (error) {
      if (!vanished(error)) throw error
    }
  }
  return total
}

/**
 * Removes temporary `.part-…` files below `dir` not written to since `staleBefore`: left by a
 * crash mid-write. A transfer under way (in this process or another sharing the directory) writes
 * within its deadline, so a file untouched for longer than that is nobody's. Returns how many.
 */
export async function removeStaleParts(dir: string, staleBefore: Date): Promise<number> {
  let removed = 0
  for await (const file of filesBelow(dir)) {
    if (!file.name.includes(PART)) continue
    try {
      if ((await lstat(file.path)).mtimeMs >= staleBefore.getTime()) continue
      await rm(file.path, { force: true })
      removed++
    } catch (error) {
      if (!vanished(error)) throw error
    }
  }
  return removed
}
