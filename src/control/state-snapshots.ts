// The snapshots directory (<data>/snapshots): one state file per name, `<NAME>.qlstate`. A file is
// written under a temporary name and renamed into place, so a crash never leaves half a snapshot
// under a name. Names starting with a dot are the server's own (`.initial`, written when serve made
// the store): hidden from listings and not restorable by name. The files hold the store's sealed
// secrets and password hashes: the directory is its owner's only, as the data directory is.
import { randomBytes } from 'node:crypto'
import { createWriteStream, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { ApiError } from '../errors.ts'
import { formatTime, type Clock } from '../lib/clock.ts'
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../lib/private-files.ts'
import type { SecretBox } from '../lib/secret-box.ts'
import { dumpState } from '../store/state/dump-state.ts'
import { readStateLines, type StateCounts } from '../store/state/state-format.ts'
import type { Store } from '../store/store.ts'

export const STATE_FILE_SUFFIX = '.qlstate'
/** The snapshot `serve` writes when it makes the store: what `state reset` goes back to. */
export const INITIAL_SNAPSHOT = '.initial'

const NAME = /^[A-Za-z0-9._-]{1,64}$/

/** A name a client may give: letters, digits, dot, dash, underscore, at most 64, not starting with a dot. */
export function snapshotName(name: string | undefined): string {
  if (name === undefined || name === '') throw new ApiError('InvalidRequestFormat', 'parameter [name] is required')
  if (!NAME.test(name)) throw new ApiError('InvalidRequestFormat', `snapshot name [${name}] must be 1 to 64 letters, digits, dots, dashes or underscores`)
  if (name.startsWith('.')) throw new ApiError('InvalidRequestFormat', `snapshot name [${name}] starts with a dot: such names are the server's own`)
  return name
}

export const snapshotFile = (dir: string, name: string) => join(dir, `${name}${STATE_FILE_SUFFIX}`)

export interface SnapshotWriter {
  store: Store
  box: SecretBox
  clock: Clock
}

export interface WrittenSnapshot extends StateCounts {
  size_bytes: number
  created_at: string
}

/** Dumps the store into `<dir>/<name>.qlstate` (replacing one there: the caller decides whether it may). */
export async function writeSnapshot(deps: SnapshotWriter, dir: string, name: string): Promise<WrittenSnapshot> {
  ensurePrivateDir(dir)
  const createdAt = formatTime(deps.clock.now())
  const partial = join(dir, `.part-${randomBytes(6).toString('hex')}`)
  const dump = dumpState(deps.store, { createdAt, boxFingerprint: deps.box.fingerprint() })
  try {
    await pipeline(dump.stream, createWriteStream(partial, { mode: PRIVATE_FILE_MODE }))
    const counts = await dump.done
    const target = snapshotFile(dir, name)
    renameSync(partial, target)
    return { ...counts, size_bytes: statSync(target).size, created_at: createdAt }
  } catch (error) {
    rmSync(partial, { force: true })
    // whichever of the two failed first, the other's rejection is this one's
    await dump.done.catch(() => undefined)
    throw error
  }
}

/** What writeSnapshot and state/import write before a file is complete. */
const TEMPORARY = /^\.(part|import)-[0-9a-f]+$/

/**
 * Removes temporary files not written to since `staleBefore` (file times: real time): a snapshot or
 * an import cut off by a crash. Start-up calls it; a write in progress keeps touching its file.
 */
export function removeAbandonedTemporaries(dir: string, staleBefore: Date): number {
  if (!existsSync(dir)) return 0
  let removed = 0
  for (const entry of readdirSync(dir)) {
    if (!TEMPORARY.test(entry)) continue
    const file = join(dir, entry)
    if (statSync(file).mtimeMs >= staleBefore.getTime()) continue
    rmSync(file, { force: true })
    removed++
  }
  return removed
}

export interface ListedSnapshot {
  name: string
  size_bytes: number
  /** From the file's header (the app clock when it was taken); null when the file cannot be read. */
  created_at: string | null
}

export async function listSnapshots(dir: string): Promise<ListedSnapshot[]> {
  if (!existsSync(dir)) return []
  const listed: ListedSnapshot[] = []
  for (const entry of readdirSync(dir).sort()) {
    if (entry.startsWith('.') || !entry.endsWith(STATE_FILE_SUFFIX)) continue
    const file = join(dir, entry)
    listed.push({ name: entry.slice(0, -STATE_FILE_SUFFIX.length), size_bytes: statSync(file).size, created_at: await createdAt(file) })
  }
  return listed
}

async function createdAt(file: string): Promise<string | null> {
  const lines = readStateLines(file)
  try {
    const first = await lines.next()
    const at = (first.value as { created_at?: unknown } | undefined)?.created_at
    return typeof at === 'string' ? at : null
  } catch {
    return null
  } finally {
    await lines.return(undefined)
  }
}
