// The state controls: snapshot, restore, reset, export, import (and list, delete) of the whole store.
// The file format, the read snapshot and the swap are store/state/'s; this file is the wire: names
// and the snapshots directory (state-snapshots.ts), the body of an import spooled to a temporary
// file and checked against its signed sha256 before anything is written, and the job runner woken
// after a swap (jobs may now be due that were not). Calls that change state run one at a time in
// this process; across processes the store's own locks order them.
import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream, existsSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Logger } from 'pino'
import { ApiError } from '../errors.ts'
import { formatTime, type Clock } from '../lib/clock.ts'
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../lib/private-files.ts'
import type { SecretBox } from '../lib/secret-box.ts'
import { dumpState } from '../store/state/dump-state.ts'
import { type Expected, loadState, type SwapRules } from '../store/state/load-state.ts'
import { LATEST_MIGRATION, type Store } from '../store/store.ts'
import type { Control } from './control-api.ts'
import { INITIAL_SNAPSHOT, listSnapshots, snapshotFile, snapshotName, writeSnapshot } from './state-snapshots.ts'

export interface StateDeps {
  store: Store
  box: SecretBox
  clock: Clock
  log: Logger
  /** <data>/snapshots; undefined for an app without a data directory (named snapshots and reset are refused). */
  snapshotsDir: string | undefined
  /** After a swap: the job runner looks for due jobs at once. */
  swapped: () => void
  rules: SwapRules
}

export function stateControls(deps: StateDeps): Record<string, Control> {
  const expected: Expected = { migration: LATEST_MIGRATION, boxFingerprint: deps.box.fingerprint() }
  const exclusive = oneAtATime()
  const dir = () => {
    if (deps.snapshotsDir === undefined) throw new ApiError('InvalidRequestFormat', 'this server has no snapshots directory (qinglocal serve keeps them in <data>/snapshots)')
    return deps.snapshotsDir
  }
  /** A named snapshot's file; 2100 when there is none by that name. */
  const existingSnapshot = (given: string | undefined) => {
    const name = snapshotName(given)
    const file = snapshotFile(dir(), name)
    if (!existsSync(file)) throw new ApiError('ResourceNotFound', `snapshot [${name}] does not exist`)
    return { name, file }
  }
  const restore = async (file: string) => {
    const loaded = await loadState(deps.store, file, expected, deps.rules)
    deps.swapped()
    return { tables: loaded.tables, rows: loaded.rows, created_at: loaded.header.created_at, source_store: loaded.header.store }
  }

  return {
    'state/snapshots': {
      method: 'GET',
      run: async () => ({ snapshots: await listSnapshots(dir()) }),
    },
    'state/snapshot': {
      method: 'POST',
      params: ['name', 'overwrite'],
      run: ({ params }) =>
        exclusive(async () => {
          const name = snapshotName(params.name)
          const overwrite = flag('overwrite', params.overwrite)
          if (!overwrite && existsSync(snapshotFile(dir(), name))) throw new ApiError('ResourceAlreadyExisted', `snapshot [${name}] already exists; pass overwrite=1 to replace it`)
          return { snapshot: name, ...(await writeSnapshot(deps, dir(), name)) }
        }),
    },
    'state/restore': {
      method: 'POST',
      params: ['name'],
      run: ({ params }) =>
        exclusive(async () => {
          const { name, file } = existingSnapshot(params.name)
          return { snapshot: name, ...(await restore(file)) }
        }),
    },
    'state/reset': {
      method: 'POST',
      run: () =>
        exclusive(async () => {
          const file = snapshotFile(dir(), INITIAL_SNAPSHOT)
          if (!existsSync(file))
            throw new ApiError(
              'InvalidRequestFormat',
              'this store has no initial snapshot to reset to: it was made before QingLocal kept one (serve writes it when it makes a store); take a snapshot now (state snapshot NAME) to come back to, or start with an empty data directory',
            )
          return await restore(file)
        }),
    },
    'state/delete': {
      method: 'POST',
      params: ['name'],
      run: ({ params }) =>
        exclusive(async () => {
          const { name, file } = existingSnapshot(params.name)
          rmSync(file)
          return { snapshot: name }
        }),
    },
    'state/export': {
      method: 'GET',
      run: async () => {
        const createdAt = formatTime(deps.clock.now())
        const dump = dumpState(deps.store, { createdAt, boxFingerprint: deps.box.fingerprint() })
        // the reply is under way when this fails: the client sees the transfer cut off
        dump.done.catch((error: Error) => deps.log.warn({ err: error }, 'state export stopped before its end'))
        return { stream: dump.stream, contentType: 'application/gzip', fileName: `qinglocal-${createdAt.replaceAll(':', '')}.qlstate` }
      },
    },
    'state/import': {
      method: 'POST',
      params: ['content_sha256'],
      run: ({ params, body }) =>
        exclusive(async () => {
          const expectedHash = params.content_sha256?.toLowerCase()
          if (!expectedHash || !/^[0-9a-f]{64}$/.test(expectedHash)) throw new ApiError('InvalidRequestFormat', 'parameter [content_sha256] is required: the hex SHA-256 of the request body')
          // spooled first: the swap holds every table, and must not wait on a slow upload
          const spool = join(deps.snapshotsDir ?? tmpdir(), `.import-${randomBytes(6).toString('hex')}`)
          try {
            const hash = createHash('sha256')
            const hashing = new Transform({
              transform(chunk: Buffer, _encoding, done) {
                hash.update(chunk)
                done(null, chunk)
              },
            })
            if (deps.snapshotsDir !== undefined) ensurePrivateDir(deps.snapshotsDir)
            await pipeline(body, hashing, createWriteStream(spool, { mode: PRIVATE_FILE_MODE }))
            const actual = hash.digest('hex')
            if (actual !== expectedHash) throw new ApiError('InvalidRequestFormat', `the body's SHA-256 is ${actual}, not the content_sha256 given (${expectedHash}): the upload was changed or cut short`)
            return await restore(spool)
          } finally {
            rmSync(spool, { force: true })
          }
        }),
    },
  }
}

function flag(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '0') return false
  if (value === '1') return true
  throw new ApiError('InvalidRequestFormat', `parameter [${name}] must be 0 or 1, not [${value}]`)
}

/** Runs the given work one call after another (this process's state changes never overlap). */
function oneAtATime() {
  let last: Promise<unknown> = Promise.resolve()
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = last.then(work, work)
    last = run.catch(() => undefined)
    return run
  }
}
