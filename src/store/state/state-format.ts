// The portable state file (snapshots and export alike): gzip'd JSON lines.
//   line 1   the header: format and version, the migration level, when and from which kind of
//            store it was made, the fingerprint of the master key that sealed its secrets, the tables
//   then     per table one object line { table, columns } followed by one array line per row
//   last     { end: { tables, rows } }: a file cut short at a line boundary is told apart from a whole one
// Values are JSON: text, numbers and null as they are, binary as { "$base64": "…" }. A 64-bit integer
// is always a JSON number (every one QingLocal stores is exact in a double), whatever the driver
// handed over, so a file made on SQLite loads into PostgreSQL and back.
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { createGunzip } from 'node:zlib'
import { ApiError } from '../../errors.ts'
import type { DialectName } from '../dialects.ts'

export const STATE_FORMAT = 'qinglocal-state'
export const STATE_FORMAT_VERSION = 1

export interface StateHeader {
  format: typeof STATE_FORMAT
  version: number
  /** The latest migration applied to the store it was made from. */
  migration: string
  /** By the app's clock (a moved virtual clock shows here). */
  created_at: string
  store: DialectName
  /** SecretBox.fingerprint() of the master key: sealed columns open only with the same key. */
  box_fingerprint: string
  tables: string[]
}

export interface TableLine {
  table: string
  columns: string[]
}

export interface EndLine {
  end: { tables: number; rows: number }
}

export interface StateCounts {
  tables: number
  rows: number
}

/** One stored value as JSON. */
export function encodeValue(value: unknown, bigint: boolean): unknown {
  if (value === null || value === undefined) return null
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { $base64: Buffer.from(value).toString('base64') }
  if (typeof value === 'bigint') return exactNumber(value.toString())
  if (bigint && typeof value === 'string') return exactNumber(value)
  return value
}

/** A JSON value back to what the driver binds. */
export function decodeValue(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { $base64?: unknown }).$base64 === 'string') return Buffer.from((value as { $base64: string }).$base64, 'base64')
  if (value !== null && typeof value === 'object') throw new ApiError('InvalidRequestFormat', `the state file holds a value that is neither text, a number nor binary: ${JSON.stringify(value).slice(0, 80)}`)
  return value
}

function exactNumber(text: string): number {
  const n = Number(text)
  if (!Number.isSafeInteger(n)) throw new Error(`the 64-bit integer ${text} is beyond the exact range of a number`)
  return n
}

/** Lines of a state file, parsed; a broken gzip stream or a line that is not JSON is 1100 naming it. */
export async function* readStateLines(file: string): AsyncGenerator<unknown> {
  const gunzip = createReadStream(file).pipe(createGunzip())
  const lines = createInterface({ input: gunzip, crlfDelay: Number.POSITIVE_INFINITY })
  // depending on when it happens, the gunzip's error ends the loop below or is thrown by it
  let broken: Error | undefined
  gunzip.on('error', (error) => {
    broken = error
    lines.close()
  })
  let number = 0
  try {
    for await (const line of lines) {
      if (broken) break
      number++
      if (line === '') continue
      let parsed: unknown
      try {
        parsed = JSON.parse(line)
      } catch {
        throw new ApiError('InvalidRequestFormat', `the state file is corrupt: line ${number} is not JSON`)
      }
      yield parsed
    }
  } catch (error) {
    if (error instanceof ApiError || error !== broken) throw error
  } finally {
    lines.close()
    gunzip.destroy()
  }
  if (broken) throw new ApiError('InvalidRequestFormat', `the state file is not a whole gzip stream (${broken.message}): truncated or corrupt`)
}

/** The header, checked: this format, this version, this migration level and this master key, or 1100 saying which. */
export function checkHeader(line: unknown, expect: { migration: string; boxFingerprint: string }): StateHeader {
  const header = line as Partial<StateHeader> | undefined
  if (!header || typeof header !== 'object' || header.format !== STATE_FORMAT) throw new ApiError('InvalidRequestFormat', `this is not a QingLocal state file (no ${STATE_FORMAT} header)`)
  if (header.version !== STATE_FORMAT_VERSION) throw new ApiError('InvalidRequestFormat', `the state file is of format version ${String(header.version)}; this server reads version ${STATE_FORMAT_VERSION}`)
  if (header.migration !== expect.migration)
    throw new ApiError('InvalidRequestFormat', `the state file was made by QingLocal at migration ${String(header.migration)}, this server is at ${expect.migration}; load it into a server of the same version`)
  if (header.box_fingerprint !== expect.boxFingerprint)
    throw new ApiError('InvalidRequestFormat', "the state file's secrets were sealed with another master key (master.key of the data directory it came from); its access keys and passwords would not open here")
  if (!Array.isArray(header.tables) || typeof header.created_at !== 'string') throw new ApiError('InvalidRequestFormat', 'the state file header is incomplete')
  return header as StateHeader
}
