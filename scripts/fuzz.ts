// `npm run fuzz -- [--requests N] [--seconds S] [--seed N] [--concurrency C]`: a bounded fuzz run
// against a real `qinglocal serve` (a fresh temporary data directory, port 0, embedded SQLite; on
// PostgreSQL when TEST_DATABASE=postgres or DATABASE_URL is set, in a fresh database it drops at
// the end). It sends N requests (default 100,000, and no longer than --seconds) over keep-alive HTTP
// across every registered action of every module: /iaas/ signed with the user's key, /admin/ with
// the admin's key, /account/ with a session, plus unsigned, badly signed and malformed HTTP. Values
// are random or valid-looking (ids, zones, names learned from earlier replies), drawn from --seed
// (ids learned under concurrency make two runs differ in detail). Every reply must be HTTP 200 JSON
// with a numeric ret_code, and none may be 5000: it prints counts per status and ret_code and the
// first offending requests, and exits 1 if there is any.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Agent, request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { flattenParams, signedRequest } from '../src/cli/client.ts'
import { readCredentials, type Credentials } from '../src/cli/credentials.ts'
import { modules } from '../src/modules.ts'
import type { Action } from '../src/protocol/action.ts'
import { qinglocalSource } from '../test/support/source-bin.ts'

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '100000' },
    seconds: { type: 'string', default: '3600' },
    seed: { type: 'string', default: '20261204' },
    concurrency: { type: 'string', default: '8' },
    quiet: { type: 'boolean', default: false },
  },
})
const TOTAL = Number(args.requests)
const SECONDS = Number(args.seconds)
const CONCURRENCY = Number(args.concurrency)
const root = new URL('..', import.meta.url).pathname
const say = (text: string) => void process.stdout.write(`${text}\n`)

// ── a seeded random stream (mulberry32) ─────────────────────────────────────────────────────────
let state = Number(args.seed) >>> 0
function rnd(): number {
  state = (state + 0x6d2b79f5) >>> 0
  let x = state
  x = Math.imul(x ^ (x >>> 15), x | 1)
  x ^= x + Math.imul(x ^ (x >>> 7), x | 61)
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296
}
const chance = (p: number) => rnd() < p
const int = (n: number) => Math.floor(rnd() * n)
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!

// ── the server ──────────────────────────────────────────────────────────────────────────────────
const work = mkdtempSync(join(tmpdir(), 'qinglocal-fuzz-'))
const dataDir = join(work, 'data')
const usePostgres = process.env.TEST_DATABASE === 'postgres' || Boolean(process.env.DATABASE_URL)
const pgServer = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const pgName = `qinglocal_fuzz_${randomBytes(4).toString('hex')}`

async function pgAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgServer })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('QINGLOCAL_') || name === 'DATABASE_URL' || name.startsWith('NODE_TEST')) continue
    env[name] = value
  }
  return { ...env, ...extra }
}

interface Served {
  child: ChildProcess
  baseUrl: string
  user: Credentials
  admin: Credentials
  userId: string
  adminId: string
  log(): string
}

async function startServer(): Promise<Served> {
  // one process, as before `serve --workers` existed: a finding's log line is the one server's
  const env: Record<string, string> = { QINGLOCAL_JOB_SPEED: 'instant', QINGLOCAL_LOG_LEVEL: 'error', QINGLOCAL_WORKERS: '1' }
  if (usePostgres) {
    await pgAdmin(`create database ${pgName}`)
    const url = new URL(pgServer)
    url.pathname = `/${pgName}`
    env.DATABASE_URL = url.toString()
  }
  const child = spawn(process.execPath, [...qinglocalSource, 'serve', '--data', dataDir, '--port', '0'], { cwd: root, env: serverEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const keep = (chunk: Buffer) => {
    out += chunk
    if (out.length > 4_000_000) out = out.slice(-2_000_000) // the newest errors are what matter
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  let exited = false
  void once(child, 'close').then(() => (exited = true))
  const deadline = Date.now() + 60_000
  let baseUrl: string | undefined
  for (;;) {
    if (exited) throw new Error(`the server exited before it was ready:\n${out}`)
    if (Date.now() > deadline) throw new Error(`the server was not ready within 60 s:\n${out}`)
    baseUrl ??= /QingLocal API\s+(http:\/\/[^/\s]+)\/iaas\//.exec(out)?.[1]
    if (
      baseUrl &&
      (await fetch(`${baseUrl}/readyz`).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      break
    await new Promise((r) => setTimeout(r, 100))
  }
  const userId = /user\s+access key \S+ \((usr-[^)]+)\)/.exec(out)?.[1]
  const adminId = /admin\s+access key \S+ \((usr-[^)]+)\)/.exec(out)?.[1]
  if (!userId || !adminId) throw new Error(`no user and admin ids in the banner:\n${out}`)
  return { child, baseUrl, user: readCredentials(join(dataDir, 'config.yaml')), admin: readCredentials(join(dataDir, 'admin.yaml')), userId, adminId, log: () => out }
}

// ── HTTP ────────────────────────────────────────────────────────────────────────────────────────
interface Sent {
  status: number
  contentType: string
  text: string
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
let base = new URL('http://127.0.0.1')

function send(method: string, target: string, body?: string, headers: Record<string, string> = {}): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: base.hostname, port: base.port, method, path: target, agent, headers: { ...headers, ...(body !== undefined && { 'content-length': String(Buffer.byteLength(body)) }) } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString() }))
      res.on('error', reject)
    })
    req.setTimeout(120_000, () => req.destroy(new Error('no reply within 120 s')))
    req.on('error', reject)
    req.end(body)
  })
}

/**
 * Bytes on a fresh connection; the one reply that comes back. Only a request cut short half-closes
 * the connection: Node aborts a complete request whose client half-closes before the answer.
 */
function sendRaw(bytes: string, halfClose: boolean): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(base.port), base.hostname)
    const chunks: Buffer[] = []
    const timer = setTimeout(() => done(new Error('no reply within 60 s')), 60_000)
    let settled = false
    const done = (error?: Error) => {
      if (settled) return
      const all = Buffer.concat(chunks)
      const text = all.toString('latin1')
      const at = text.indexOf('\r\n\r\n')
      const length = Number(/^content-length:\s*(\d+)/im.exec(text.slice(0, at))?.[1] ?? NaN)
      if (!error && (at < 0 || all.length < at + 4 + length)) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      if (at < 0) return reject(error ?? new Error('the connection closed without a reply'))
      const head = text.slice(0, at)
      resolve({
        status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0),
        contentType: /^content-type:\s*(.*)$/im.exec(head)?.[1]?.trim() ?? '',
        text: all.subarray(at + 4, Number.isNaN(length) ? undefined : at + 4 + length).toString(),
      })
    }
    socket.on('data', (c: Buffer) => {
      chunks.push(c)
      done()
    })
    socket.on('close', () => done(new Error('the connection closed before the reply was complete')))
    socket.on('error', () => {})
    socket.write(bytes)
    if (halfClose) socket.end()
  })
}

// ── values ──────────────────────────────────────────────────────────────────────────────────────
/** Values seen in replies, by field name: ids of what the run created, zones, types, names. */
const pools = new Map<string, string[]>()
/** Values that would take the run's own identities away (ban, demote, reset, lock out): never sent. */
const protectedValues = new Set<string>()
const SKIP_FIELDS = new Set(['message', 'action', 'ret_code', 'session_token', 'secret_access_key', 'url', 'token'])

function learn(value: unknown, field = ''): void {
  if (Array.isArray(value)) {
    for (const v of value) learn(v, field)
    return
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) learn(v, k)
    return
  }
  if (typeof value !== 'string' && typeof value !== 'number') return
  const text = String(value)
  if (!field || SKIP_FIELDS.has(field) || text === '' || text.length > 80 || /^https?:/i.test(text) || protectedValues.has(text)) return
  let pool = pools.get(field)
  if (!pool) {
    pool = []
    pools.set(field, pool)
  }
  if (pool.includes(text)) return
  if (pool.length < 48) pool.push(text)
  else pool[int(pool.length)] = text
}

function fromPool(name: string): string | undefined {
  const stem = name.replace(/(_ids?|es|s)$/, '')
  for (const key of [name, `${name}_id`, `${stem}_id`, `${name.replace(/s$/, '')}_id`, stem, `${stem}_name`]) {
    const pool = pools.get(key)
    if (pool?.length) return pick(pool)
  }
  return undefined
}

const WILD = [
  '',
  '0',
  '1',
  '-1',
  '2147483648',
  '-99999999999',
  '1e309',
  '1e3',
  ' 1',
  '0x10',
  'true',
  'null',
  'a\0b',
  '../x',
  '%00',
  '😀',
  'é'.repeat(70),
  'i-nothere1',
  'vol-nothere',
  'usr-nothere',
  'pek3a',
  'sh1a',
  'nozone',
  '[]',
  '{}',
  '<script>',
  "' or 1=1 --",
  'x'.repeat(300),
]
const wildScalar = () => (chance(0.6) ? pick(WILD) : chance(0.5) ? String(int(2 ** 31) - 2 ** 30) : randomWord())
function randomWord(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.é测 '
  return Array.from({ length: 1 + int(14) }, () => pick([...letters])).join('')
}
function wild(): unknown {
  const r = rnd()
  if (r < 0.7) return wildScalar()
  if (r < 0.9) return Array.from({ length: int(4) }, wildScalar)
  return Object.fromEntries(Array.from({ length: 1 + int(3) }, () => [pick(['a', 'tag_id', 'resource_type', 'resource_id', 'x', '1']), wildScalar()]))
}

const PASSWORDS = ['correct horse 42', 'Passw0rd123', 'short', 'Zz9'.repeat(30)]
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Schema = Record<string, any>

/** A value for parameter `name` of schema `schema`: mostly well-formed, now and then anything. */
function valueFor(schema: Schema, name: string, depth = 0): unknown {
  if (chance(0.12) || depth > 3) return wild()
  if (Array.isArray(schema.anyOf)) {
    const branch = pick(schema.anyOf as Schema[])
    return 'const' in branch ? branch.const : valueFor(branch, name, depth + 1)
  }
  if ('const' in schema) return schema.const
  switch (schema.type) {
    case 'integer':
    case 'number': {
      if (schema['x-flag']) return pick([0, 1])
      const min = Math.max(schema.minimum ?? -(2 ** 31), -(2 ** 31))
      const max = Math.min(schema.maximum ?? 2 ** 31 - 1, 2 ** 31 - 1)
      return pick([min, max, 0, 1, 2, 3, 10, 100, Math.max(min, Math.min(max, int(64)))])
    }
    case 'boolean':
      return pick(['true', 'false', '0', '1'])
    case 'array':
      return Array.from({ length: chance(0.1) ? 0 : 1 + int(3) }, () => valueFor(schema.items ?? {}, name, depth + 1))
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [field, sub] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
        if ((schema.required ?? []).includes(field) ? chance(0.95) : chance(0.4)) out[field] = valueFor(sub, field, depth + 1)
      }
      return out
    }
    default: {
      if (/passw/.test(name)) return pick(PASSWORDS)
      if (name === 'email') return chance(0.7) ? `fuzz${int(1000)}@example.com` : randomWord()
      if (name === 'fault_action') return pick(allActions).action.name
      const pooled = chance(0.8) ? fromPool(name) : undefined
      if (pooled !== undefined) return pooled
      if (schema.pattern && chance(0.5)) return pick(['a', 'a1', 'host-1', 'ABC', 'x-y', '1'])
      return chance(0.5) ? randomWord() : wildScalar()
    }
  }
}

// ── requests ────────────────────────────────────────────────────────────────────────────────────
interface Target {
  module: string
  action: Action
  weight: number
}
/** RSA key generation is slow: CreateKeyPair is drawn less often so it does not dominate the run. */
const WEIGHTS: Record<string, number> = { CreateKeyPair: 0.25 }
const allActions: Target[] = modules.flatMap((m) => [...m.actions.values()].map((action) => ({ module: m.name, action, weight: WEIGHTS[action.name] ?? 1 })))
const totalWeight = allActions.reduce((sum, t) => sum + t.weight, 0)
function pickAction(): Target {
  let r = rnd() * totalWeight
  for (const t of allActions) {
    r -= t.weight
    if (r < 0) return t
  }
  return allActions[allActions.length - 1]!
}

interface Identity {
  server: Served
  session: { email: string; password: string; token: string; userId: string }
  zones: string[]
}

/** Parameters for `action`: its own names with values from valueFor, now and then an unknown one. */
function paramsFor(action: Action, zones: string[]): Record<string, unknown> {
  const schema = action.params as Schema
  const out = valueFor({ ...schema, type: 'object' }, action.name, 1) as Record<string, unknown>
  const params = out && typeof out === 'object' && !Array.isArray(out) ? out : {}
  if (action.zone === 'required' && chance(0.95)) params.zone = chance(0.9) ? pick(zones) : wildScalar()
  if (chance(0.05)) params.unknown_param = wildScalar()
  // a scripted 5000 is not an internal error, and would only blur the count
  if ((action.name === 'ArmFault' || action.name === 'ArmJobFault') && Number(params.ret_code) === 5000) params.ret_code = 5100
  return scrub(params) as Record<string, unknown>
}

/** Replaces the run's own identities by a stranger's id wherever they appear. */
function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]))
  return typeof value === 'string' && protectedValues.has(value) ? 'usr-stranger' : value
}

interface Outcome {
  description: string
  /** `module action` of an API call (not of raw bytes). */
  action?: string
  sent?: Sent
  error?: Error
}

async function apiCall(id: Identity, module: string, action: string, params: Record<string, unknown>, tamper?: 'unsigned' | 'bad-signature'): Promise<Outcome> {
  const method = chance(0.7) ? 'GET' : 'POST'
  const description = `${method} /${module}/ ${action} ${JSON.stringify(params).slice(0, 600)}${tamper ? ` (${tamper})` : ''}`
  try {
    if (module === 'account') {
      const encoded = new URLSearchParams({ ...flattenParams(params), action }).toString()
      const headers: Record<string, string> = tamper ? {} : { authorization: `Bearer ${id.session.token}` }
      const sent = method === 'GET' ? await send('GET', `/account/?${encoded}`, undefined, headers) : await send('POST', '/account/', encoded, { ...headers, 'content-type': 'application/x-www-form-urlencoded' })
      return { description, action: `${module} ${action}`, sent }
    }
    const key = module === 'admin' ? id.server.admin : id.server.user
    if (tamper === 'unsigned') {
      const encoded = new URLSearchParams({ ...flattenParams(params), action }).toString()
      return { description, action: `${module} ${action}`, sent: await send('GET', `/${module}/?${encoded}`) }
    }
    const request = signedRequest({ baseUrl: '', uri: `/${module}/`, accessKeyId: key.accessKeyId, secretAccessKey: tamper ? 'wrong-secret' : key.secretAccessKey, method }, action, params)
    return { description, action: `${module} ${action}`, sent: await send(method, request.url, request.body, request.headers) }
  } catch (error) {
    return { description, error: error as Error }
  }
}

/** Requests that are not well-formed HTTP, or not the protocol: each must still get 200 JSON. */
const MALFORMED: Array<() => string> = [
  () => 'GET /%FF/ HTTP/1.1\r\nHost: x\r\n\r\n',
  () => 'GET /iaas/% HTTP/1.1\r\nHost: x\r\n\r\n',
  () => 'GET /iaas/?action=DescribeZones&zone=% HTTP/1.1\r\nHost: x\r\n\r\n',
  () => `GET /iaas/?action=DescribeZones&search_word=${pick(['%FF', '%C3', '%ED%A0%80', '%E9t%E9'])} HTTP/1.1\r\nHost: x\r\n\r\n`,
  () => 'POST /iaas/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\naction=DescribeZones',
  () => 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
  () => `${pick(['TRACE', 'PATCH', 'DELETE', 'PUT', 'OPTIONS'])} /${pick(['iaas', 'admin', 'account', 'nosuch'])}/ HTTP/1.1\r\nHost: x\r\n\r\n`,
  () => `GET /iaas/?action=DescribeZones HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000 + int(20_000))}\r\n\r\n`,
  () => `GET /iaas/?action=DescribeInstances&search_word=${'%C3%A9'.repeat(5000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
  () => pick(['\x00\x01\x02hello\r\n\r\n', 'GET\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'GET / HTTP/1.1\r\nBad Header\r\n\r\n', 'POST /iaas/ HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n']),
  () => 'GET /iaas/?action=DescribeZones HTTP/1.1\r\n\r\n',
  () => 'POST /iaas/ HTTP/1.1\r\nHost: x\r\nExpect: x-later\r\nContent-Length: 3\r\n\r\na=1',
  () => `POST /iaas/ HTTP/1.1\r\nHost: x\r\nContent-Type: ${pick(['application/json', 'text/plain', 'multipart/form-data; boundary=x'])}\r\nContent-Length: 2\r\n\r\n{}`,
  () => `GET /${pick(['iaas', 'admin', 'account'])}/?action=${pick(allActions).action.name}&${randomWord()}=${randomWord()}&${randomWord()}=${randomWord()} HTTP/1.1\r\nHost: x\r\n\r\n`,
  () => `GET /${'a'.repeat(300 + int(5000))}/ HTTP/1.1\r\nHost: x\r\n\r\n`,
]

const SHORT_BODY = 4

// ── the run ─────────────────────────────────────────────────────────────────────────────────────
const statuses = new Map<string, number>()
const codes = new Map<string, number>()
const offenders: string[] = []
const called = new Set<string>()
const succeeded = new Set<string>()
let offending = 0
let internal = 0
let scripted = 0
let done = 0
const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)

function record(outcome: Outcome, identity: Identity | undefined): Record<string, unknown> | undefined {
  done++
  const { sent, error } = outcome
  if (!sent) {
    count(statuses, 'no reply')
    offending++
    if (offenders.length < 10) offenders.push(`no reply (${error?.message}): ${outcome.description}`)
    return undefined
  }
  count(statuses, String(sent.status))
  let body: Record<string, unknown> | undefined
  try {
    body = JSON.parse(sent.text) as Record<string, unknown>
  } catch {
    body = undefined
  }
  if (sent.status !== 200 || !/^application\/json/.test(sent.contentType) || typeof body?.ret_code !== 'number') {
    offending++
    if (offenders.length < 10) offenders.push(`HTTP ${sent.status} ${sent.contentType} ${sent.text.slice(0, 200)}: ${outcome.description}`)
    return body
  }
  count(codes, String(body.ret_code))
  if (outcome.action) {
    called.add(outcome.action)
    if (body.ret_code === 0) succeeded.add(outcome.action)
  }
  if (body.ret_code === 5000) {
    if (/scripted fault/.test(String(body.message))) scripted++
    else {
      internal++
      if (offenders.length < 10) {
        const requestId = /request id \[(req-[0-9a-f]+)\]/.exec(String(body.message))?.[1]
        const logged =
          requestId && identity
            ? identity.server
                .log()
                .split('\n')
                .find((line) => line.includes(requestId))
            : undefined
        offenders.push(`5000 ${body.message}: ${outcome.description}${logged ? `\n      log: ${logged.slice(0, 1500)}` : ''}`)
      }
    }
  }
  return body
}

async function upkeep(id: Identity): Promise<void> {
  const users = [id.server.userId, id.session.userId]
  for (const [action, params] of [
    ['StopMaintenance', {}],
    ['DisarmFaults', {}],
    ['UnbanUsers', { users }],
  ] as const) {
    const outcome = await apiCall(id, 'admin', action, params)
    record(outcome, id)
  }
}

let relogging: Promise<void> | undefined
async function relogin(id: Identity): Promise<void> {
  const login = await apiCall(id, 'account', 'Login', { email: id.session.email, password: id.session.password }, 'unsigned')
  const body = record(login, id)
  if (body?.ret_code === 0 && typeof body.session_token === 'string') id.session.token = body.session_token
  else if (!login.sent || body?.ret_code !== 5300) await newSessionUser(id) // locked out or changed: a new person
}

/** Registers, verifies (as the admin) and logs in a session user whose ids and password are never sent by the fuzz. */
async function newSessionUser(id: Identity): Promise<void> {
  const must = async (module: string, action: string, params: Record<string, unknown>, tamper?: 'unsigned'): Promise<Record<string, unknown>> => {
    const body = record(await apiCall(id, module, action, params, tamper), id)
    if (body?.ret_code !== 0) throw new Error(`setting up the session user: ${action} answered ${JSON.stringify(body)}`)
    return body
  }
  const session = { email: `fuzz-session-${randomBytes(4).toString('hex')}@example.com`, password: `Fuzz-${randomBytes(6).toString('hex')}-9`, token: '', userId: '' }
  await must('admin', 'StopMaintenance', {})
  await must('admin', 'ModifyPlatformSettings', { registration: 'open' })
  session.userId = String((await must('account', 'Register', { email: session.email, password: session.password }, 'unsigned')).user_id)
  for (const v of [session.userId, session.email, session.password]) protectedValues.add(v)
  await must('admin', 'VerifyUsers', { users: [session.userId] })
  id.session = session
  const login = await must('account', 'Login', { email: session.email, password: session.password }, 'unsigned')
  id.session.token = String(login.session_token)
}

async function setup(server: Served): Promise<Identity> {
  const id: Identity = { server, session: { email: '', password: '', token: '', userId: '' }, zones: [] }
  const must = async (module: string, action: string, params: Record<string, unknown>, tamper?: 'unsigned'): Promise<Record<string, unknown>> => {
    const body = record(await apiCall(id, module, action, params, tamper), id)
    if (body?.ret_code !== 0) throw new Error(`setup: ${action} answered ${JSON.stringify(body)}`)
    learn(body)
    return body
  }
  for (const v of [server.userId, server.adminId, server.user.accessKeyId, server.admin.accessKeyId]) protectedValues.add(v)
  await newSessionUser(id)
  for (const [field, pool] of pools)
    pools.set(
      field,
      pool.filter((v) => !protectedValues.has(v)),
    )
  id.zones = ((await must('iaas', 'DescribeZones', {})).zone_set as Array<{ zone_id: string }>).map((z) => z.zone_id)
  // something of every kind to point at
  for (const [action, params] of [
    ['DescribeImages', { zone: id.zones[0] }],
    ['DescribeInstanceTypes', { zone: id.zones[0] }],
    ['DescribeApps', { zone: id.zones[0] }],
    ['DescribeAppVersions', { zone: id.zones[0] }],
    ['CreateVolumes', { zone: id.zones[0], size: 10, count: 2 }],
    ['RunInstances', { zone: id.zones[0], image_id: 'centos79x64', instance_type: 'c1m1', login_mode: 'passwd', login_passwd: 'Passw0rd123', count: 2 }],
    ['CreateSecurityGroup', { zone: id.zones[0], security_group_name: 'fuzz' }],
    ['CreateVxnets', { zone: id.zones[0], vxnet_name: 'fuzz' }],
    ['AllocateEips', { zone: id.zones[0], bandwidth: 1 }],
    ['CreateTag', { zone: id.zones[0], tag_name: 'fuzz' }],
  ] as const) {
    const body = record(await apiCall(id, 'iaas', action, params), id)
    if (body) learn(body)
  }
  for (const action of ['DescribeUsers', 'DescribeHosts']) {
    const body = record(await apiCall(id, 'admin', action, {}), id)
    if (body) learn(body)
  }
  return id
}

async function worker(id: Identity, next: () => boolean): Promise<void> {
  while (next()) {
    if (done - lastUpkeep >= 100 && !upkeeping) {
      upkeeping = true
      lastUpkeep = done
      await upkeep(id).finally(() => (upkeeping = false))
    }
    const r = rnd()
    let outcome: Outcome
    let module = 'iaas'
    if (r < 0.05) {
      const make = pick(MALFORMED)
      const bytes = make()
      try {
        outcome = { description: `raw ${JSON.stringify(bytes.slice(0, 160))}`, sent: await sendRaw(bytes, make === MALFORMED[SHORT_BODY]) }
      } catch (error) {
        outcome = { description: `raw ${JSON.stringify(bytes.slice(0, 160))}`, error: error as Error }
      }
    } else if (r < 0.09) {
      const target = pickAction()
      module = target.module
      outcome = await apiCall(id, target.module, target.action.name, paramsFor(target.action, id.zones), pick(['unsigned', 'bad-signature'] as const))
    } else {
      const target = pickAction()
      module = target.module
      outcome = await apiCall(id, target.module, target.action.name, paramsFor(target.action, id.zones))
    }
    const body = record(outcome, id)
    if (body && body.ret_code === 0) learn(body)
    if (module === 'account' && body?.ret_code === 2000 && !relogging)
      relogging = relogin(id)
        .catch((error) => say(`  could not sign in again: ${(error as Error).message}`))
        .finally(() => (relogging = undefined))
    if (!args.quiet && done - lastProgress >= 5000) {
      lastProgress = done
      say(`  ${done} requests, ${internal} × 5000, ${offending} other offending`)
    }
  }
}
let upkeeping = false
let lastUpkeep = 0
let lastProgress = 0

async function main(): Promise<number> {
  const started = Date.now()
  say(`qinglocal fuzz: ${TOTAL} requests (at most ${SECONDS} s), seed ${args.seed}, concurrency ${CONCURRENCY}, ${allActions.length} actions, ${usePostgres ? `PostgreSQL (database ${pgName})` : 'SQLite'}`)
  const server = await startServer()
  base = new URL(server.baseUrl)
  let exitCode = 1
  try {
    const id = await setup(server)
    const deadline = started + SECONDS * 1000
    let issued = done
    // Ctrl-C stops sending: the summary is printed and the server and database are cleaned up
    let stopped = false
    process.once('SIGINT', () => (stopped = true))
    process.once('SIGTERM', () => (stopped = true))
    const next = () => !stopped && issued++ < TOTAL && Date.now() < deadline
    const running = Date.now()
    await Promise.all(Array.from({ length: CONCURRENCY }, () => worker(id, next)))
    await relogging
    const seconds = (Date.now() - running) / 1000
    say('')
    say(`requests   ${done} in ${seconds.toFixed(1)} s (${Math.round(done / seconds)}/s), ${usePostgres ? 'PostgreSQL' : 'SQLite'}`)
    say(
      `HTTP       ${[...statuses]
        .sort()
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')}`,
    )
    say(
      `ret_code   ${[...codes]
        .sort((a, b) => Number(a[0]) - Number(b[0]))
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')}`,
    )
    const never = allActions.map((t) => `${t.module} ${t.action.name}`).filter((a) => !succeeded.has(a))
    say(`actions    ${called.size} of ${allActions.length} called; ${succeeded.size} answered 0 at least once${never.length ? ` (never: ${never.join(', ')})` : ''}`)
    say(`5000       ${internal} internal errors${scripted ? ` (and ${scripted} scripted faults armed by the fuzz admin)` : ''}`)
    say(`offending  ${offending} replies that were not HTTP 200 JSON with a numeric ret_code`)
    for (const line of offenders) say(`  - ${line}`)
    exitCode = internal === 0 && offending === 0 ? 0 : 1
    if (exitCode !== 0) {
      const kept = join(tmpdir(), `qinglocal-fuzz-${args.seed}-${randomBytes(3).toString('hex')}.log`)
      writeFileSync(kept, server.log())
      say(`the server's log (errors only): ${kept}`)
    }
  } finally {
    agent.destroy()
    server.child.kill('SIGTERM')
    await Promise.race([once(server.child, 'close'), new Promise((r) => setTimeout(r, 10_000))])
    if (server.child.exitCode === null) server.child.kill('SIGKILL')
    if (usePostgres) await pgAdmin(`drop database if exists ${pgName} with (force)`).catch((e) => say(`could not drop database ${pgName}: ${e.message}`))
    rmSync(work, { recursive: true, force: true })
  }
  return exitCode
}

process.exitCode = await main().catch((error) => {
  say(`fuzz run failed: ${error instanceof Error ? error.stack : String(error)}`)
  return 2
})
