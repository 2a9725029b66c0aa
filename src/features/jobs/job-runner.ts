// The job runner: takes every unfinished job through pending → working → successful (or failed).
// Each phase is one transaction that claims the job row, so a crash loses nothing (the phase is
// simply taken again after a restart) and two processes sharing PostgreSQL never take the same
// phase twice: the claim skips rows another process holds, and a finished job is never claimed.
//
// A job whose action has a `work` step (ImportImage's download) runs it outside any transaction,
// in the background, at most `importConcurrency` at once per process: claimed with a lease (its
// run_after moves past the work's deadline, and the work_attempt column counts the tries), worked,
// then settled in a transaction that checks the attempt is still its own. A crash mid-work leaves
// the job working; once the lease has passed it is taken again, up to WORK_ATTEMPTS times, then
// failed. While every slot is busy, working jobs of such actions are left out of the due list, so
// they never hide other jobs.
//
// A job's payload is its action's: before settle, work or onFailure see it, it is checked against
// the action's `job.payload` schema. A payload that does not fit (written by an older version)
// fails the job with 1100 and a logged reason, and its resources are put to rest the default way.
//
// Speeds: `realistic` keeps a job working for about two seconds (well inside one 5 s terraform
// poll); `instant` finishes jobs as soon as they are committed; `manual` never moves on its own:
// tests (and `qinglocal`'s StepJobs) call step() or drain().
import type { FastifyBaseLogger } from 'fastify'
import { Compile, type Validator } from 'typebox/compile'
import type { JobSpeed } from '../../config.ts'
import { ApiError } from '../../errors.ts'
import { type Clock, realTimeMs } from '../../lib/clock.ts'
import type { MaybePromise } from '../../lib/maybe-promise.ts'
import type { IdGenerator } from '../../lib/ids.ts'
import type { Action, ActionSettings, JobContext, RunningJob } from '../../protocol/action.ts'
import { lockForJob, type Lockers } from '../../protocol/locks.ts'
import type { Tx } from '../../store/database.ts'
import type { Store } from '../../store/store.ts'
import { clearTransitions, sweepRecycleBin } from '../resources/recycle-bin.ts'
import { BillingTicker, type BillingTickerState, type TickResult } from '../billing/billing-ticker.ts'
import { scriptedError, takeFault } from '../faults/fault.ts'
import { releaseReservations } from '../quotas/reservations.ts'
import { claimJob, listDueJobs, nextDueTime, setJobStatus, type DueJob } from './job-repo.ts'
import { removeCeasedImageFiles, removeStaleParts } from '../warehouse/warehouse-files.ts'

/** Realistic speed: how long a job waits in each phase unless its action says otherwise. */
export const PENDING_MS = 300
export const DEFAULT_WORK_MS = 1500
/** How often an idle runner looks for jobs queued by another process. */
const POLL_MS = 1000
const SWEEP_EVERY_MS = 60_000
/** The billing ticker charges each hour within a minute of its start. */
const BILL_EVERY_MS = 60_000
const BATCH = 50
/** How often a job's work is tried (the first time and after crashes) before the job fails. */
export const WORK_ATTEMPTS = 3
/** A work step's lease when its action names none. */
const DEFAULT_WORK_LEASE_MS = 10 * 60_000
/** Transfer slots when no settings say otherwise. */
const DEFAULT_WORK_CONCURRENCY = 4

/** A claimed job: what settle, work and onFailure get, the work step's attempt, and whether its payload fits its action's schema. */
interface Claimed {
  job: RunningJob
  attempt: number
  /** Why the stored payload can not be handed to the action (undefined: it can). */
  unreadable?: string
}

export interface JobRunnerDeps {
  store: Store
  clock: Clock
  /**
   * Brings `clock` up to what the store says before each pass (the virtual clock, moved by any
   * process: features/virtual-clock); none for a clock that needs no syncing.
   */
  syncClock?: () => MaybePromise<void>
  ids: IdGenerator
  log: FastifyBaseLogger
  speed: JobSpeed
  /** Every registered action, by name: a job's `job_action` finds its settle step here. */
  actions: ReadonlyMap<string, Action>
  /** The image warehouse's directory: the sweep removes the files of ceased images there, and stale temporary files. */
  warehouseDir?: string
  /** What jobs' `work` steps read (ImportImage: limits, private sources) and how many run at once (`importConcurrency`). */
  settings?: ActionSettings
  /** The lockers of the global lock order (src/lockers.ts): settle, onFailure and the billing tick lock through them. */
  lockers: Lockers
  /**
   * Whether this runner's loop also runs the periodic sweeps (recycle bin, ceased image files,
   * stale temporary files) and the billing ticker; default true. `serve --workers N` gives them to
   * one worker: jobs are claimed row by row and run in every worker, these passes need no more
   * than one process (each is safe twice over, but N of them every minute is only contention).
   */
  periodic?: boolean
}

export class JobRunner {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private again = false
  private stopped = true
  private lastSweep = 0
  private lastBill = 0
  private readonly ticker = new BillingTicker()
  /** Work steps running in this process, by job id. */
  private readonly working = new Map<string, Promise<void>>()
  /** Aborted by stop(): running work steps give up, and their jobs are taken again after a restart. */
  private halt = new AbortController()
  /** Actions that have a work step. */
  private readonly workActions: string[]
  /** Each declared job payload schema, compiled once, by action name. */
  private readonly payloads = new Map<string, Validator>()

  constructor(private readonly deps: JobRunnerDeps) {
    this.workActions = [...deps.actions.values()].filter((a) => a.work).map((a) => a.name)
    for (const action of deps.actions.values()) if (action.job) this.payloads.set(action.name, Compile(action.job.payload))
  }

  /** Every transfer slot is taken: working jobs of work actions wait. */
  private get busy(): boolean {
    return this.working.size >= (this.deps.settings?.importConcurrency ?? DEFAULT_WORK_CONCURRENCY)
  }

  /** Work steps running now in this process (tests). */
  get workInProgress(): number {
    return this.working.size
  }

  /** What the control API's health shows: whether the background loop runs (never in manual mode), its speed, work steps in progress. */
  get state(): { running: boolean; speed: string; work_in_progress: number } {
    return { running: !this.stopped, speed: this.deps.speed, work_in_progress: this.working.size }
  }

  /** How long a new job stays pending before it starts working (realistic speed only). */
  get pendingMs(): number {
    return this.deps.speed === 'realistic' ? PENDING_MS : 0
  }

  /** Starts the background loop (not in manual mode). Jobs left over from a previous run are due at once. */
  start(): void {
    if (this.deps.speed === 'manual' || !this.stopped) return
    this.stopped = false
    if (this.halt.signal.aborted) this.halt = new AbortController()
    this.wake()
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    this.halt.abort()
    await this.running
    await Promise.allSettled([...this.working.values()])
  }

  /** A transaction just committed new jobs: look now rather than at the next poll. */
  wake(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    clearTimeout(this.timer)
    this.running = this.loop().finally(() => (this.running = undefined))
  }

  /** Manual mode: takes every unfinished job one phase further. Returns how many moved. */
  async step(): Promise<number> {
    await this.deps.syncClock?.()
    let moved = 0
    for (const job of await listDueJobs(this.deps.store.db, undefined, 10_000)) if (await this.advance(job)) moved++
    return moved
  }

  /** Runs every unfinished job to its end (tests, and `qinglocal`'s StepJobs). */
  async drain(): Promise<void> {
    for (let round = 0; round < 10; round++) if ((await this.step()) === 0) return
    throw new Error('jobs are still unfinished after 10 rounds')
  }

  /**
   * The clock moved forward (the clock control): what became due happens now, before this
   * resolves: a billing tick (every period due is charged), the sweeps, and a pass over due jobs.
   * Nothing at manual speed (or once stopped): there jobs and billing move only when stepped.
   */
  async catchUp(): Promise<boolean> {
    if (this.stopped) return false
    await this.bill()
    await this.sweep()
    this.wake()
    await this.running
    return true
  }

  /** The billing ticker, on demand (tests, `qinglocal billing tick`) or every minute from the loop. */
  async bill(): Promise<TickResult> {
    await this.deps.syncClock?.()
    return this.ticker.tick(this.deps)
  }

  /** The billing ticker's state for health; `nextDue` is the earliest active lease's renewal (nextLeaseDue). */
  billingState(nextDue: Date | undefined): BillingTickerState {
    const loops = !this.stopped && this.deps.periodic !== false
    // the loop keeps real time; the reply shows app-clock times, so carry over the remaining wait
    const wait = Math.max(0, this.lastBill + BILL_EVERY_MS - realTimeMs())
    return this.ticker.state(loops ? { nextTick: new Date(this.deps.clock.now().getTime() + wait) } : undefined, nextDue)
  }

  /** The recycle bin, on demand (tests) or every minute from the loop; then the files of ceased images and stale temporary files. */
  async sweep(): Promise<number> {
    await this.deps.syncClock?.()
    const changed = await sweepRecycleBin(this.deps.store.db, this.deps.clock.now())
    if (this.deps.warehouseDir) {
      await removeCeasedImageFiles(this.deps.store.db, this.deps.warehouseDir)
      await this.sweepParts()
    }
    return changed
  }

  /** Temporary files no transfer has written to within a transfer's deadline: left by a crash (start-up, and every sweep). */
  async sweepParts(): Promise<number> {
    if (!this.deps.warehouseDir) return 0
    const deadline = this.deps.settings?.importTimeoutMs ?? DEFAULT_WORK_LEASE_MS
    // file times are real time, not the platform's clock
    return removeStaleParts(this.deps.warehouseDir, new Date(realTimeMs() - deadline))
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false
        await this.deps.syncClock?.()
        await this.runDue()
        if (this.deps.periodic === false) continue
        // paced by real time: a moved clock is caught up by the passes themselves (the ticker charges every period due)
        if (realTimeMs() - this.lastSweep > SWEEP_EVERY_MS) {
          this.lastSweep = realTimeMs()
          await this.sweep()
        }
        if (realTimeMs() - this.lastBill > BILL_EVERY_MS) {
          this.lastBill = realTimeMs()
          await this.bill()
        }
      } while (this.again && !this.stopped)
      if (this.stopped) return
      const next = await nextDueTime(this.deps.store.db, this.busy ? this.workActions : [])
      const wait = next ? Math.max(0, next.getTime() - this.deps.clock.now().getTime()) : POLL_MS
      this.timer = setTimeout(() => this.wake(), Math.min(wait, POLL_MS))
      this.timer.unref()
    } catch (error) {
      this.deps.log.error({ err: error }, 'job runner pass failed; retrying')
      if (!this.stopped) {
        this.timer = setTimeout(() => this.wake(), POLL_MS)
        this.timer.unref()
      }
    }
  }

  private async runDue(): Promise<void> {
    for (;;) {
      const due = await listDueJobs(this.deps.store.db, this.deps.clock.now(), BATCH, this.busy ? this.workActions : [])
      let moved = 0
      for (const job of due) {
        if (this.stopped) return
        if (await this.advance(job)) moved++
      }
      if (due.length < BATCH || moved === 0) return
    }
  }

  /** One phase of one job, in one transaction. False when the job was finished or claimed elsewhere, or its work must wait for a slot. */
  private async advance(due: DueJob): Promise<boolean> {
    const { store, clock } = this.deps
    const jobId = due.job_id
    let claimed: Claimed | undefined
    let work: Action | undefined
    try {
      const moved = await store.db.transaction().execute(async (db) => {
        const row = await claimJob(db, store.caps, jobId, due)
        if (!row) return false
        claimed = this.read(row)
        const now = clock.now()
        const action = this.deps.actions.get(row.job_action)
        if (row.status === 'pending') {
          // a job may be quicker than its action's usual (StopInstances force=1: its work_ms)
          const workMs = this.deps.speed === 'realistic' ? (row.work_ms ?? action?.workMs ?? DEFAULT_WORK_MS) : 0
          await setJobStatus(db, jobId, now, { status: 'working', run_after: new Date(now.getTime() + workMs) })
          return true
        }
        if (claimed.unreadable !== undefined) {
          this.deps.log.error({ job_id: jobId, job_action: row.job_action, reason: claimed.unreadable }, 'job payload does not fit its action; the job fails')
          await this.markFailed(db, claimed, new ApiError('InvalidRequestFormat', `job payload does not fit ${row.job_action}: ${claimed.unreadable}`))
          return true
        }
        if (action?.work) {
          if (this.working.has(jobId) || this.busy) return false
          const attempt = claimed.attempt + 1
          if (attempt > WORK_ATTEMPTS) {
            this.deps.log.error({ job_id: jobId }, `job's work was cut off ${WORK_ATTEMPTS} times; the job fails`)
            await this.markFailed(db, claimed, new Error(`work cut off ${WORK_ATTEMPTS} times`))
            return true
          }
          // the lease: nobody takes the job again before the work's deadline has passed
          claimed.attempt = attempt
          const lease = action.workLeaseMs?.(this.settings()) ?? DEFAULT_WORK_LEASE_MS
          await setJobStatus(db, jobId, now, { status: 'working', run_after: new Date(now.getTime() + lease), work_attempt: attempt })
          work = action
          return true
        }
        await this.settleClaimed(db, claimed, action)
        return true
      })
      if (work && claimed) await this.startWork(claimed, work)
      return moved
    } catch (error) {
      if (!claimed) throw error
      await this.fail(claimed, error)
      return true
    }
  }

  /** A claimed row as settle, work and onFailure see it: the payload parsed and checked against its action's schema (undefined for an action that declares none). */
  private read(row: { job_id: string; job_action: string; owner: string; zone_id: string; resource_ids: string; payload: string; work_attempt: number }): Claimed {
    const job: RunningJob = { job_id: row.job_id, job_action: row.job_action, owner: row.owner, zone_id: row.zone_id, resource_ids: row.resource_ids.split(' ').filter(Boolean), payload: undefined }
    const claimed: Claimed = { job, attempt: Number(row.work_attempt) }
    const schema = this.payloads.get(row.job_action)
    if (!schema) return claimed
    let payload: unknown
    try {
      payload = JSON.parse(row.payload)
    } catch {
      return { ...claimed, unreadable: 'not JSON' }
    }
    if (!schema.Check(payload)) {
      const [first] = schema.Errors(payload)
      return { ...claimed, unreadable: first ? `${first.instancePath || '/'} ${first.message}` : 'does not match its schema' }
    }
    job.payload = payload
    return claimed
  }

  /** The job's settle step (or a scripted job fault), in the transaction that holds its claim. */
  private async settleClaimed(db: Tx, claimed: Claimed, action: Action | undefined): Promise<void> {
    const { job } = claimed
    if (!action?.settle) throw new Error(`no settle step for job action ${job.job_action}`)
    // a scripted job fault (features/faults): its use and the failure commit together
    const fault = await takeFault(db, 'job', job.job_action, '')
    if (fault) {
      this.deps.log.info({ job_id: job.job_id, fault_id: fault.fault_id }, 'job failed by a scripted fault')
      await this.markFailed(db, claimed, scriptedError(fault))
      return
    }
    await action.settle(job, await this.context(db, job, action))
    await setJobStatus(db, job.job_id, this.deps.clock.now(), { status: 'successful' })
    // what the job reserved is now held by the rows settle wrote
    await releaseReservations(db, job.job_id)
  }

  private settings(): ActionSettings {
    if (!this.deps.settings) throw new Error('the job runner was started without settings, so it can not run work steps')
    return this.deps.settings
  }

  /** Starts a claimed job's work in the background (awaited in manual mode, where tests step jobs). */
  private async startWork(claimed: Claimed, action: Action): Promise<void> {
    const { job } = claimed
    const running = this.runWork(claimed, action)
      .catch((error: unknown) => this.deps.log.error({ err: error, job_id: job.job_id }, 'job work could not be finished; it is taken again when its lease has passed'))
      .finally(() => {
        this.working.delete(job.job_id)
        this.wake()
      })
    this.working.set(job.job_id, running)
    if (this.deps.speed === 'manual') await running
  }

  private async runWork(claimed: Claimed, action: Action): Promise<void> {
    const signal = this.halt.signal
    try {
      await action.work!(claimed.job, { clock: this.deps.clock, log: this.deps.log, settings: this.settings(), signal })
    } catch (error) {
      // stopping: the job stays working, and is taken again after the restart
      if (signal.aborted) return
      await this.fail(claimed, error)
      return
    }
    try {
      await this.deps.store.db.transaction().execute(async (db) => {
        if (!(await this.claimOwn(db, claimed))) return
        await this.settleClaimed(db, claimed, action)
      })
    } catch (error) {
      await this.fail(claimed, error)
    }
  }

  /** Claims the job for this transaction if it is still unfinished and, for a work step, still this attempt's (not taken over after its lease). */
  private async claimOwn(db: Tx, claimed: Claimed): Promise<boolean> {
    const row = await claimJob(db, this.deps.store.caps, claimed.job.job_id)
    if (!row) return false
    return Number(row.work_attempt) === claimed.attempt
  }

  /** The settle step threw: its transaction rolled back; record the failure and put resources to rest. */
  private async fail(claimed: Claimed, error: unknown): Promise<void> {
    if (!(error instanceof ApiError)) this.deps.log.error({ err: error, job_id: claimed.job.job_id }, 'job failed unexpectedly')
    await this.deps.store.db.transaction().execute(async (db) => {
      if (!(await this.claimOwn(db, claimed))) return
      await this.markFailed(db, claimed, error)
    })
  }

  /** Inside a transaction that holds the job's claim: the job becomes `failed`, its resources go back to rest. */
  private async markFailed(db: Tx, { job, unreadable }: Claimed, error: unknown): Promise<void> {
    const code = error instanceof ApiError ? error.code : 5000
    await setJobStatus(db, job.job_id, this.deps.clock.now(), { status: 'failed', error_codes: String(code) })
    // the growth never happens: its quota is free again
    await releaseReservations(db, job.job_id)
    const action = this.deps.actions.get(job.job_action)
    // onFailure reads the payload: one that does not fit its schema leaves the default way to rest
    if (action?.onFailure && unreadable === undefined) await action.onFailure(job, await this.context(db, job, action))
    else await clearTransitions(db, job.resource_ids)
  }

  /** The context of settle or onFailure, with the action's jobLocks taken (protocol/locks.ts) before either runs. */
  private async context(db: Tx, job: RunningJob, action: Action): Promise<JobContext> {
    const tx = { db, caps: this.deps.store.caps, clock: this.deps.clock, ids: this.deps.ids }
    return { ...tx, log: this.deps.log, locks: await lockForJob(tx, this.deps.lockers, action, job.owner, job.zone_id) }
  }
}
