// The state controls from tests: admin-signed requests to /_qinglocal/state/… (parameters in the
// signed query, a POST's body the raw file), and a state file read back into plain rows to compare.
import { createHash } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import { formatTime } from '../../src/lib/clock.ts'
import { sign } from '../../src/protocol/signature.ts'
import { recordCode } from './codes.ts'
import type { Key, TestApp } from './harness.ts'

export interface ControlReply {
  /** The JSON reply; undefined when the control answered with a file. */
  json: Record<string, any> | undefined // eslint-disable-line @typescript-eslint/no-explicit-any
  raw: Buffer
  contentType: string
}

export async function control(t: TestApp, name: string, options: { method?: 'GET' | 'POST'; params?: Record<string, string>; payload?: Buffer; key?: Key } = {}): Promise<ControlReply> {
  const method = options.method ?? 'GET'
  const path = `/_qinglocal/${name}`
  const key = options.key ?? t.admin
  const wire: Record<string, string> = {
    ...options.params,
    access_key_id: key.access_key_id,
    signature_method: 'HmacSHA256',
    signature_version: '1',
    version: '1',
    time_stamp: formatTime(t.clock.now()),
  }
  const signature = sign({ method, path, params: wire, secret: key.secret_access_key })
  const reply = await t.app.inject({
    method,
    url: `${path}?${new URLSearchParams({ ...wire, signature })}`,
    ...(options.payload && { payload: options.payload, headers: { 'content-type': 'application/octet-stream' } }),
  })
  const contentType = String(reply.headers['content-type'])
  const json = /^application\/json/.test(contentType) ? (JSON.parse(reply.body) as Record<string, any>) : undefined // eslint-disable-line @typescript-eslint/no-explicit-any
  if (json) recordCode(json.ret_code)
  return { json, raw: reply.rawPayload, contentType }
}

/** A POST control's JSON reply. */
export const post = async (t: TestApp, name: string, params: Record<string, string> = {}) => (await control(t, name, { method: 'POST', params })).json!

/** The store as a state file, through GET state/export. */
export async function exportState(t: TestApp, key?: Key): Promise<Buffer> {
  const reply = await control(t, 'state/export', key ? { key } : {})
  if (reply.json) throw new Error(`export answered ${JSON.stringify(reply.json)}`)
  return reply.raw
}

export const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')

/** POST state/import of `file` with its (or the given) sha256. */
export const importState = async (t: TestApp, file: Buffer, hash = sha256(file)) => (await control(t, 'state/import', { method: 'POST', params: { content_sha256: hash }, payload: file })).json!

export interface ParsedState {
  header: Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Per table, its rows as objects by column name. */
  tables: Map<string, Array<Record<string, unknown>>>
}

export function parseState(file: Buffer): ParsedState {
  const lines = gunzipSync(file)
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
  const tables = new Map<string, Array<Record<string, unknown>>>()
  let columns: string[] = []
  let rows: Array<Record<string, unknown>> = []
  for (const line of lines.slice(1)) {
    if (Array.isArray(line)) rows.push(Object.fromEntries(columns.map((c, i) => [c, line[i]])))
    else if (line.table) {
      columns = line.columns
      rows = []
      tables.set(line.table, rows)
    }
  }
  return { header: lines[0], tables }
}

/** The file with its lines changed by `edit` (the header is line 0), gzip'd again. */
export function editState(file: Buffer, edit: (lines: unknown[]) => unknown[]): Buffer {
  const lines = gunzipSync(file)
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
  return gzipSync(
    `${edit(lines)
      .map((l) => JSON.stringify(l))
      .join('\n')}\n`,
  )
}

/**
 * Two states compared as sets of rows, table by table. The kept counts are compared by key and
 * count only: PostgreSQL keeps deltas where SQLite keeps one row, and a swap moves listing versions
 * (`changes`) forward on purpose (features/resources/kept-counts-swap.ts).
 */
export function comparableState(state: ParsedState): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [table, rows] of state.tables) {
    if (table === 'resource_counts') {
      const sums = new Map<string, number>()
      for (const r of rows) {
        const key = JSON.stringify([r.kind, r.owner, r.zone_id, r.status, r.facet])
        sums.set(key, (sums.get(key) ?? 0) + Number(r.n))
      }
      out[table] = [...sums]
        .filter(([, n]) => n !== 0)
        .map(([k, n]) => `${k}=${n}`)
        .sort()
    } else out[table] = rows.map((r) => JSON.stringify(r)).sort()
  }
  return out
}
