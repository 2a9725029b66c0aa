// An in-process QingLocal for tests: the real app, real signing, the store chosen by
// TEST_DATABASE, a manual clock and repeatable ids. Requests go through the full HTTP pipeline
// (fastify inject), so what tests see is what a client on the wire sees.
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import pino, { type Logger } from 'pino'
import { buildApp, type AppConfig } from '../../src/app.ts'
import type { ApiModule } from '../../src/protocol/api-module.ts'
import { loadConfig, type JobSpeed } from '../../src/config.ts'
import { ACTION_SETTING_KEYS, type ActionSettings } from '../../src/protocol/action.ts'
import type { HostSpec } from '../../src/features/hosts/host-repo.ts'
import type { JobRunner } from '../../src/features/jobs/job-runner.ts'
import { bootstrap, type BootstrapCredentials } from '../../src/bootstrap.ts'
import { flattenParams } from '../../src/cli/client.ts'
import { formatTime, ManualClock } from '../../src/lib/clock.ts'
import { seededIdGenerator } from '../../src/lib/ids.ts'
import { SecretBox } from '../../src/lib/secret-box.ts'
import { sign, type SignatureMethod } from '../../src/protocol/signature.ts'
import type { Store } from '../../src/store/store.ts'
import { recordCode } from './codes.ts'
import type { TickResult } from '../../src/features/billing/billing-ticker.ts'
import { recharge } from '../../src/features/billing/recharge.ts'
import { Wallet } from '../../src/features/billing/wallet.ts'
import { MINOR_PER_YUAN } from '../../src/lib/money.ts'
import { openTestStore } from './database.ts'
import { lockers } from '../../src/lockers.ts'
import { LockSet, type Lockers } from '../../src/protocol/locks.ts'
import { INITIAL_SNAPSHOT, writeSnapshot } from '../../src/control/state-snapshots.ts'

export const TEST_START = '2026-01-15T08:00:00Z'

export interface Key {
  access_key_id: string
  secret_access_key: string
}

export interface SendOptions {
  method?: 'GET' | 'POST'
  path?: string
  /** Who signs; `null` sends the request unsigned. Default: the bootstrap user. */
  key?: Key | null
  /** Wire parameters added after the defaults (time_stamp, version, …) and before signing. */
  params?: Record<string, unknown>
  signatureMethod?: SignatureMethod
  /** Changes the wire pairs after signing (to test tampering). */
  afterSigning?: (wire: Record<string, string>) => void
  /** Overrides the signature sent. */
  signature?: string
  /** Extra HTTP headers (Authorization: Bearer …, Cookie: …). */
  headers?: Record<string, string>
}

export interface Reply {
  status: number
  headers: Record<string, unknown>
  body: Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface TestApp {
  app: FastifyInstance
  store: Store
  clock: ManualClock
  box: SecretBox
  user: BootstrapCredentials
  admin: BootstrapCredentials
  /** A signed GET of `action` as the bootstrap user in zone pek3a (unless params say otherwise). */
  call(action: string, params?: Record<string, unknown>, options?: Omit<SendOptions, 'params'>): Promise<Reply['body']>
  send(options: SendOptions): Promise<Reply>
  /** An unsigned request to the account module (/account/), with a session token when given. */
  account(action: string, params?: Record<string, unknown>, options?: { token?: string; method?: 'GET' | 'POST' }): Promise<Reply>
  /** A request to the admin module (/admin/), signed by the bootstrap admin unless `key` says otherwise. */
  admin_call(action: string, params?: Record<string, unknown>, options?: { key?: Key }): Promise<Reply['body']>
  /** The job runner (manual speed unless asked otherwise). */
  jobs: JobRunner
  /** Runs every queued job to its end. */
  settle(): Promise<void>
  /** Adds yuan to a user's wallet, as an administrator's recharge does (and resumes what arrears suspended). */
  fund(userId: string, yuan: number): Promise<void>
  /** One run of the billing ticker at the clock's current time. */
  bill(): Promise<TickResult>
  /** Where the state controls keep this app's named snapshots (`<name>.qlstate`). */
  snapshotsDir: string
  close(): Promise<void>
}

export interface TestAppOptions {
  zones?: string[]
  timestampWindowSeconds?: number
  /** Hosts per zone and their capacity; small by default so capacity limits are easy to reach. */
  hosts?: HostSpec
  /** Addresses in each zone's EIP pool (default 254, the configured default). */
  eipPoolSize?: number
  /** Default manual: tests move jobs with `t.jobs.step()` / `t.settle()`. */
  jobSpeed?: JobSpeed
  /** Reuse a store (to restart the app on the same data); the caller closes it. Pass the first app's box with it. */
  store?: Store
  box?: SecretBox
  /** Seed of the repeatable ids; a restarted app needs another one, or its ids repeat the first app's. */
  idSeed?: number
  /** Account settings and the like (session times, registration mode, SMTP). */
  config?: Partial<AppConfig>
  /** Default: silent (TEST_LOG_LEVEL to see logs). */
  logger?: Logger
  /** The API modules (default: the real ones); a test may add a test-only action. */
  modules?: readonly ApiModule[]
  /** The lockers of the global lock order (default: the real ones, src/lockers.ts); a test may wrap them to watch what is locked. */
  lockers?: Lockers
  /** The built console served at /console/ (default the package's dist/console). */
  consoleDir?: string
  /**
   * Write the `.initial` state snapshot as serve does when it makes a store (what the state reset
   * control goes back to). Off by default: most tests never reset, and a dump per app costs time.
   */
  initialSnapshot?: boolean
}

/** The account settings a server starts with when nothing is configured. */
export const TEST_ACTION_SETTINGS: ActionSettings = (() => {
  const defaults = loadConfig({ env: {} })
  return Object.fromEntries(ACTION_SETTING_KEYS.map((key) => [key, defaults[key]])) as ActionSettings
})()

export const TEST_HOSTS: HostSpec = { hostsPerZone: 2, hostCpu: 16, hostMemory: 32768 }

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const { store, drop } = options.store ? { store: options.store, drop: async () => {} } : await openTestStore()
  // the image warehouse writes real files: each app gets its own directory (made only when a test
  // enables the warehouse) and removes it on close, unless the test names one (then the test owns it)
  const warehouseDir = options.config?.warehouseDir ?? join(tmpdir(), `qinglocal-warehouse-${randomBytes(6).toString('hex')}`)
  // named state snapshots likewise: a directory of the app's own (made when the first is written), removed on close
  const snapshotsDir = options.config?.snapshotsDir ?? join(tmpdir(), `qinglocal-snapshots-${randomBytes(6).toString('hex')}`)
  const clock = new ManualClock(TEST_START)
  const ids = seededIdGenerator(options.idSeed ?? 42)
  const box = options.box ?? SecretBox.fromKey(SecretBox.generateKey())
  const credentials = await bootstrap(store, { box, clock, ids, zones: options.zones ?? ['pek3a', 'sh1a'], hosts: options.hosts ?? TEST_HOSTS, bootstrapBalance: 100_000 * MINOR_PER_YUAN, eipPoolSize: options.eipPoolSize ?? 254 })
  const user = credentials.find((c) => c.role === 'user')!
  const admin = credentials.find((c) => c.role === 'admin')!
  const fund = (userId: string, yuan: number) =>
    store.db.transaction().execute(async (db) => {
      const ctx = { db, caps: store.caps, clock, ids }
      const locks = new LockSet(ctx, lockers, { holder: 'the test harness', anyKey: ['wallet'] })
      await recharge(ctx, await Wallet.lock({ locks }, userId), Math.round(yuan * MINOR_PER_YUAN), 'test', 'test funds')
    })
  // tests use the admin as "another user" who creates resources too
  if (!options.store) await fund(admin.user_id, 100_000)
  if (options.initialSnapshot) await writeSnapshot({ store, box, clock }, snapshotsDir, INITIAL_SNAPSHOT)
  const app = await buildApp({
    ...(options.modules && { modules: options.modules }),
    ...(options.lockers && { lockers: options.lockers }),
    ...(options.consoleDir && { consoleDir: options.consoleDir }),
    store,
    clock,
    ids,
    box,
    logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    config: {
      timestampWindowSeconds: options.timestampWindowSeconds ?? 60,
      debugSignatures: false,
      bodyLimitBytes: 1024 * 1024,
      jobSpeed: options.jobSpeed ?? 'manual',
      ...TEST_ACTION_SETTINGS,
      smtpUrl: '',
      mailFrom: 'QingLocal <qinglocal@localhost>',
      ...options.config,
      warehouseDir,
      snapshotsDir,
    },
  })

  const send = async (o: SendOptions): Promise<Reply> => {
    const method = o.method ?? 'GET'
    const path = o.path ?? '/iaas/'
    const key = o.key === undefined ? user : o.key
    const wire: Record<string, string> = {
      ...(key && {
        access_key_id: key.access_key_id,
        signature_method: o.signatureMethod ?? 'HmacSHA256',
        signature_version: '1',
        version: '1',
        time_stamp: formatTime(clock.now()),
      }),
      ...flattenParams(o.params ?? {}),
    }
    if (key) wire.signature = o.signature ?? sign({ method, path, params: wire, secret: key.secret_access_key })
    o.afterSigning?.(wire)
    const encoded = new URLSearchParams(wire).toString()
    const response = await app.inject(
      method === 'GET' ? { method, url: `${path}?${encoded}`, headers: o.headers ?? {} } : { method, url: path, payload: encoded, headers: { ...o.headers, 'content-type': 'application/x-www-form-urlencoded' } },
    )
    const body = JSON.parse(response.body)
    recordCode(body.ret_code)
    return { status: response.statusCode, headers: response.headers, body }
  }

  return {
    app,
    store,
    clock,
    box,
    user,
    admin,
    send,
    account: (action, params = {}, options = {}) =>
      send({
        path: '/account/',
        key: null,
        method: options.method ?? 'POST',
        params: { action, ...params },
        ...(options.token !== undefined && { headers: { authorization: `Bearer ${options.token}` } }),
      }),
    admin_call: async (action, params = {}, options = {}) => (await send({ path: '/admin/', key: options.key ?? admin, params: { action, ...params } })).body,
    jobs: app.jobRunner,
    settle: () => app.jobRunner.drain(),
    fund: async (userId, yuan) => void (await fund(userId, yuan)),
    bill: () => app.jobRunner.bill(),
    snapshotsDir,
    call: async (action, params = {}, rest = {}) => (await send({ ...rest, params: { action, zone: 'pek3a', ...params } })).body,
    close: async () => {
      await app.close()
      await drop()
      if (options.config?.warehouseDir === undefined) rmSync(warehouseDir, { recursive: true, force: true })
      if (options.config?.snapshotsDir === undefined) rmSync(snapshotsDir, { recursive: true, force: true })
    },
  }
}

/** Stores an access key with a chosen id and secret (to replay requests recorded with it). */
export async function addAccessKey(t: TestApp, key: Key, owner: string): Promise<void> {
  const time = formatTime(t.clock.now())
  await t.store.db
    .insertInto('access_keys')
    .values({ access_key_id: key.access_key_id, secret_sealed: t.box.seal(key.secret_access_key), owner, access_key_name: 'recorded', description: null, status: 'active', ip_white_list: '', create_time: time, status_time: time })
    .execute()
}

/** Hosts roomy enough that capacity never gets in a test's way (billing tests run many instances). */
export const ROOMY_HOSTS: HostSpec = { hostsPerZone: 2, hostCpu: 64, hostMemory: 262144 }

/** Insists on ret_code 0 (naming the message otherwise) and hands the reply on. */
export function ok<T extends Reply['body']>(reply: T): T {
  if (reply.ret_code !== 0) throw new Error(`expected ret_code 0, got ${reply.ret_code}: ${reply.message}`)
  return reply
}
