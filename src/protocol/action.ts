// What an action is: its literal API name, its parameter schema (the single source of truth for
// validation, the handler's types and CLI help), and a handler that runs inside one transaction.
import type { Static, TObject, TSchema, TUndefined } from 'typebox'
import type { Config } from '../config.ts'
import type { FastifyBaseLogger } from 'fastify'
import type { Clock } from '../lib/clock.ts'
import type { IdGenerator } from '../lib/ids.ts'
import type { Queryable, Tx } from '../store/database.ts'
import type { Capabilities } from '../store/dialects.ts'
import type { CacheEpoch } from '../store/cache-epoch.ts'
import type { LockKind, LockSet } from './locks.ts'
import { paramReader, type ParamReader } from './validate.ts'

export interface Caller {
  /** '' for an anonymous caller of a public action (Login, Register, …). */
  user_id: string
  role: 'admin' | 'user' | 'anonymous'
  /** The signing key of a signed request; '' otherwise. */
  access_key_id: string
  /** The session of a session-authenticated request; '' otherwise. */
  session_id: string
}

/**
 * How an action's caller proves who they are: `signature` (access key, the QingCloud way),
 * `admin` (a signature by an admin's key; anyone else → 1400), `session` (a console session token,
 * as cookie or bearer header) or `public` (nobody: Register, Login, …).
 */
export type AuthMode = 'signature' | 'admin' | 'session' | 'public'

/** The configuration keys actions see as ctx.settings (accounts, licensing, calendar, warehouse). */
export const ACTION_SETTING_KEYS = [
  'sessionIdleMinutes',
  'sessionLifetimeHours',
  'loginMaxFailures',
  'loginLockMinutes',
  'resetMaxRequests',
  'resetWindowMinutes',
  'registration',
  'loginErrors',
  // licensing (features/licenses): this platform's id, the trusted vendor key, hosts allowed without a license
  'platformId',
  'licensePublicKey',
  'unlicensedHosts',
  // the platform's calendar: charge sums by day or month, the daily API quota
  'timezone',
  // where the image warehouse keeps image files (features/warehouse), and ImportImage's transfers
  'warehouseDir',
  'importConcurrency',
  'importTimeoutMs',
  'importAllowPrivateSources',
] as const satisfies ReadonlyArray<keyof Config>

/** The settings actions may read (ctx.settings): that part of the configuration, read-only. */
export type ActionSettings = Pick<Config, (typeof ACTION_SETTING_KEYS)[number]>

export interface OutgoingMail {
  to: string
  subject: string
  text: string
}

export interface CookieOptions {
  /** Seconds; 0 deletes the cookie. */
  maxAge: number
}

/**
 * What an action's handler may use. `Payload` is the action's job payload (its `job.payload`
 * schema): `ctx.jobs.start` takes exactly that. A helper that takes a bare `ActionContext` (payload
 * `unknown`) can use everything but `jobs.start`: a job belongs to an action, whose payload type the
 * helper must then name (`ActionContext<BindingPayload>`). `out`: so every action's context passes
 * where a bare one is expected (the variance TypeScript would measure through the conditional in
 * NewJob is invariant); sound, since a bare context starts no job.
 */
export interface ActionContext<out Payload = unknown> {
  /** The action's transaction: everything it writes commits or rolls back together. */
  db: Tx
  caps: Capabilities
  clock: Clock
  ids: IdGenerator
  caller: Caller
  /** The validated `zone` of a zone-scoped action; '' for global ones. */
  zone: string
  requestId: string
  log: FastifyBaseLogger
  /** Queues the asynchronous half of this action; the job runs once the transaction commits. */
  jobs: JobQueue<Payload>
  /** The transaction's locks (protocol/locks.ts): the declared ones are held already; Wallet.lock and requireQuota go through it. */
  locks: LockSet
  settings: ActionSettings
  /** Queues a mail in the outbox, in this transaction; it is delivered (SMTP) after the commit. */
  mail(message: OutgoingMail): Promise<void>
  /** Sets an HttpOnly, SameSite=Strict cookie on the reply (the console's session). */
  setCookie(name: string, value: string, options: CookieOptions): void
  /** Cookies and bearer token of the request, for actions that read the session themselves (Logout). */
  request: { cookies: Record<string, string>; bearer: string | undefined }
  /**
   * Work that must stick although the action fails: when the handler throws, its transaction rolls
   * back, then these run in a fresh transaction before the error is answered (a failed login still
   * counts towards the lock-out).
   */
  afterRollback(work: (db: Tx) => Promise<void>): void
  /** Runs once the action's transaction has committed (a change other requests must see at once: maintenance, faults). */
  afterCommit(work: () => void): void
  /** Encrypts a secret for storage (a new access key's secret) under the master key, which stays out of the database. */
  seal(secret: string): string
  /** Opens what `seal` (or the outbox) sealed: only for actions that show a secret to whom may see it (DescribeOutbox). */
  unseal(sealed: string): string
}

/**
 * What an action says about its jobs: the payload its settle, onFailure and work read, as a typebox
 * schema. `jobs.start` is typed by it, and the runner checks a stored payload against it before
 * handing it over (a payload an older version wrote that no longer fits fails the job, 1100).
 */
export interface JobDeclaration<J extends TSchema = TSchema> {
  payload: J
}

/** A job to queue: its resources, and the runner-level settings a job may have. */
export interface JobBase {
  resource_ids: readonly string[]
  /** How long this job stays working at realistic speed when it is quicker than its action's usual (a forced StopInstances). */
  work_ms?: number
}

/**
 * A job to queue with the action's payload: required when the action declares one, absent when it
 * does not. An unknown payload type (a bare ActionContext) takes no job at all.
 */
export type NewJob<Payload> = JobBase & (unknown extends Payload ? { payload: never } : undefined extends Payload ? { payload?: Payload } : { payload: Payload })

/** An action whose settle finishes a job another action queues: its name and its payload schema. */
export interface JobOwner<J extends TSchema> {
  name: string
  job?: JobDeclaration<J>
}

/** `out`: see ActionContext. */
export interface JobQueue<out Payload> {
  /** Inserts a pending job, settled by the running action, in the action's transaction and returns its `job_id`. */
  start(job: NewJob<Payload>): Promise<string>
  /** The same for a job that `settledBy` finishes (its settle, onFailure and payload schema), not the running action. */
  startFor<J extends TSchema = TUndefined>(settledBy: JobOwner<J>, job: NewJob<Static<J>>): Promise<string>
}

/** A job as the endpoint hands it to the store (features/jobs): the action's job plus who and where. */
export interface JobSpec {
  job_action: string
  owner: string
  zone_id: string
  resource_ids: readonly string[]
  /** The payload, checked against the settling action's schema by the type system; `undefined` when it declares none. */
  payload: unknown
  work_ms?: number | undefined
}

/** A job as the runner hands it to `settle`, `onFailure` and `work`: its payload checked against the action's schema. */
export interface RunningJob<Payload = unknown> {
  job_id: string
  job_action: string
  owner: string
  zone_id: string
  resource_ids: string[]
  payload: Payload
}

/** What the asynchronous half of an action may use: its own transaction, time and ids. */
export interface JobContext {
  db: Tx
  caps: Capabilities
  clock: Clock
  ids: IdGenerator
  log: FastifyBaseLogger
  /** The transaction's locks (protocol/locks.ts): the action's jobLocks are held already. */
  locks: LockSet
}

/** What a job's `work` may use: no transaction (it runs outside any), the settings, and a stop signal. */
export interface WorkContext {
  clock: Clock
  log: FastifyBaseLogger
  settings: ActionSettings
  /** Aborted when the runner stops: the work gives up (DownloadInterrupted) and the job is taken again after a restart. */
  signal: AbortSignal
}

/**
 * zone: 'required' – the action works inside one zone, `zone` must name an offered zone;
 * 'none' – the action is global (DescribeZones) and ignores `zone` (the Python SDK always sends it).
 */
export type ZoneScope = 'required' | 'none'

/** What `prepare` may use: it runs before the transaction opens. */
export interface PrepareContext {
  /**
   * The store outside any transaction, for reads only. What is read here may change before
   * `handle` runs, so handle must check again whatever it relies on.
   */
  db: Queryable
  clock: Clock
  ids: IdGenerator
  caller: Caller
  zone: string
  settings: ActionSettings
}

/**
 * What `query` may use: committed data outside any transaction (Store.readDb: on SQLite a reader
 * beside the writer) and the cache epoch to keep shared state in memory (store/cache-epoch.ts).
 * Nothing here can write.
 */
export interface QueryContext {
  db: Queryable
  epoch: CacheEpoch
  clock: Clock
  caller: Caller
  zone: string
  requestId: string
  log: FastifyBaseLogger
  settings: ActionSettings
}

export interface ActionDefinition<P extends TObject, Prepared = undefined, J extends TSchema = TUndefined> {
  name: string
  params: P
  zone?: ZoneScope
  /** The reply's `action` when it is not `<name>Response` minus the suffix: DeployAppVersion answers CreateClusterResponse. */
  replyAction?: string
  /** Default: the module's (signature for /iaas/). */
  auth?: AuthMode
  /**
   * What the handler locks, taken by the endpoint for the caller (wallet: the caller's; quota: the
   * caller's in the request zone; hosts: the zone's) in the global order (protocol/locks.ts) right
   * after the transaction opens. Any other lock the handler asks for throws.
   */
  locks?: readonly LockKind[]
  /** Kinds the handler locks itself, through ctx.locks and still in order: another user's wallet (Recharge), or one only some requests need. */
  lockAtRunTime?: readonly LockKind[]
  /** What the job's settle and onFailure lock: taken by the runner for the job's owner and zone before they run; more keys of these kinds in order. */
  jobLocks?: readonly LockKind[]
  /**
   * True for an action that changes nothing (a read): it keeps working while the platform is in
   * maintenance, when every other action answers 5300. Default: true for names that start with
   * Describe or Get, false for every other name; an action says it explicitly to differ from that.
   */
  readOnly?: boolean
  /**
   * Slow work that needs no database (generating a key pair), done before the transaction opens:
   * on SQLite a transaction holds the only connection, so everything else would wait for it.
   */
  prepare?(params: Static<P>, ctx: PrepareContext): Promise<Prepared>
  /** Runs the action in one transaction; its fields are the reply. An action has either `handle` or `query`. */
  handle?(params: Static<P>, ctx: ActionContext<Static<J>>, prepared: Prepared): Promise<Record<string, unknown>>
  /**
   * A read that needs no transaction (no locks, no writes, no jobs): answered from committed data and
   * the caches of shared state, instead of `handle`. It does not queue behind writers.
   */
  query?(params: Static<P>, ctx: QueryContext): Promise<Record<string, unknown>>
  /** The action's jobs: the payload schema `jobs.start`, settle, onFailure and work are typed by. */
  job?: JobDeclaration<J>
  /**
   * The asynchronous half, run by the job runner in its own transaction once the job's working
   * time has passed: moves the job's resources to their end state. Throwing fails the job.
   */
  settle?(job: RunningJob<Static<J>>, ctx: JobContext): Promise<void>
  /**
   * Slow work outside any transaction (ImportImage's download), run by the job runner when the
   * job is working and due, before `settle`. The runner runs at most `importConcurrency` of them at
   * once in a process, in the background; a job whose work was cut off by a crash is taken again
   * once its lease has passed (a few times, then it fails). Throwing fails the job, as settle does.
   * The work must be safe to repeat.
   */
  work?(job: RunningJob<Static<J>>, ctx: WorkContext): Promise<void>
  /** How long the runner leaves a job alone while its work runs (the work's own deadline, plus a margin): after that a crash is assumed. */
  workLeaseMs?(settings: ActionSettings): number
  /** Puts resources back to rest when the job fails. Default: clear their transition_status. */
  onFailure?(job: RunningJob<Static<J>>, ctx: JobContext): Promise<void>
  /** How long the job stays `working` at realistic speed; the runner's default otherwise. */
  workMs?: number
}

export interface Action<P extends TObject = TObject, Prepared = unknown, J extends TSchema = TSchema> extends ActionDefinition<P, Prepared, J> {
  zone: ZoneScope
  readOnly: boolean
  read: ParamReader<P>
}

/** The names of reads: Describe…, Get…. Anything else is taken to change something unless it says `readOnly: true`. */
const READ_NAME = /^(Describe|Get)[A-Z]/

export function defineAction<P extends TObject, Prepared = undefined, J extends TSchema = TUndefined>(definition: ActionDefinition<P, Prepared, J>): Action<P, Prepared, J> {
  if ((definition.handle === undefined) === (definition.query === undefined)) throw new Error(`action ${definition.name}: give exactly one of handle and query`)
  if (definition.query && (definition.locks?.length || definition.lockAtRunTime?.length || definition.job || definition.prepare || !(definition.readOnly ?? READ_NAME.test(definition.name)))) {
    throw new Error(`action ${definition.name}: a query is a read: no locks, jobs or prepare`)
  }
  return { zone: 'required', ...definition, readOnly: definition.readOnly ?? READ_NAME.test(definition.name), read: paramReader(definition.params) }
}
