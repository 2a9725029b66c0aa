// The job runner: takes every unfinished job through pending → working → successful (or failed).
// Each phase is one transaction that claims the job row, so a crash loses nothing (the phase is
// simply taken again after a restart) and two processes sharing PostgreSQL never take the same
// phase twice: the claim skips rows another process holds, and a finished job is never claimed.
//
// Speeds: `realistic` keeps a job working for about two seconds (well inside one 5 s terraform
// poll); `instant` finishes jobs as soon as they are committed; `manual` never moves on its own:
// tests (and `qinglocal`'s StepJobs) call step() or drain().
import type { FastifyBaseLogger } from 'fastify'
import type { JobSpeed } from '../../config.ts'
import { ApiError } from '../../errors.ts'
import type { Clock } from '../../lib/clock.ts'
import type { IdGenerator } from '../../lib/ids.ts'
import type { Action, JobContext, RunningJob } from '../../protocol/action.ts'
import type { Tx } from '../../store/database.ts'
import type { Store } from '../../store/store.ts'
import { clearTransitions, sweepRecycleBin } from '../resources/recycle-bin.ts'
import { runBillingTick, type TickResult } from '../billing/billing-ticker.ts'
import { scriptedError, takeFault } from '../faults/fault.ts'
import { claimJob, listDueJobIds, nextDueTime, setJobStatus } from './job-repo.ts'
import { removeCeasedImageFiles } from '../warehouse/warehouse-files.ts'

/** Realistic speed: how long a job waits in each phase unless its action says otherwise. */
export const PENDING_MS = 300
export const DEFAULT_WORK_MS = 1500
/** How often an idle runner looks for jobs queued by another process. */
const POLL_MS = 1000
const SWEEP_EVERY_MS = 60_000
/** The billing ticker charges each hour within a minute of its start. */
const BILL_EVERY_MS = 60_000
const BATCH = 50

export interface JobRunnerDeps {
  store: Store
  clock: Clock
  ids: IdGenerator
  log: FastifyBaseLogger
  speed: JobSpeed
  /** Every registered action, by name: a job's `job_action` finds its settle step here. */
  actions: ReadonlyMap<string, Action>
  /** The image warehouse's directory: the sweep removes the files of ceased images there. */
  warehouseDir?: string
}

export class JobRunner {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private again = false
  private stopped = true
  private lastSweep = 0
  private lastBill = 0

  constructor(private readonly deps: JobRunnerDeps) {}

  /** How long a new job stays pending before it starts working (realistic speed only). */
  get pendingMs(): number {
    return this.deps.speed === 'realistic' ? PENDING_MS : 0
  }

  /** Starts the background loop (not in manual mode). Jobs left over from a previous run are due at once. */
  start(): void {
    if (this.deps.speed === 'manual' || !this.stopped) return
    this.stopped = false
    this.wake()
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    await this.running
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
    let moved = 0
    for (const id of await listDueJobIds(this.deps.store.db, undefined, 10_000)) if (await this.advance(id)) moved++
    return moved
  }

  /** Runs every unfinished job to its end (tests, and `qinglocal`'s StepJobs). */
  async drain(): Promise<void> {
    for (let round = 0; round < 10; round++) if ((await this.step()) === 0) return
    throw new Error('jobs are still unfinished after 10 rounds')
  }

  /** The billing ticker, on demand (tests, `qinglocal billing tick`) or every minute from the loop. */
  async bill(): Promise<TickResult> {
    return runBillingTick(this.deps)
  }

  /** The recycle bin, on demand (tests) or every minute from the loop; then the files of ceased images. */
  async sweep(): Promise<number> {
    const changed = await sweepRecycleBin(this.deps.store.db, this.deps.clock.now())
    if (this.deps.warehouseDir) await removeCeasedImageFiles(this.deps.store.db, this.deps.warehouseDir)
    return changed
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false
        await this.runDue()
        if (Date.now() - this.lastSweep > SWEEP_EVERY_MS) {
          this.lastSweep = Date.now()
          await this.sweep()
        }
        if (Date.now() - this.lastBill > BILL_EVERY_MS) {
          this.lastBill = Date.now()
          await this.bill()
        }
      } while (this.again && !this.stopped)
      if (this.stopped) return
      const next = await nextDueTime(this.deps.store.db)
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
      const due = await listDueJobIds(this.deps.store.db, this.deps.clock.now(), BATCH)
      let moved = 0
      for (const id of due) {
        if (this.stopped) return
        if (await this.advance(id)) moved++
      }
      if (due.length < BATCH || moved === 0) return
    }
  }

  /** One phase of one job, in one transaction. False when the job was finished or claimed elsewhere. */
  private async advance(jobId: string): Promise<boolean> {
    const { store, clock } = this.deps
    let job: RunningJob | undefined
    try {
      return await store.db.transaction().execute(async (db) => {
        const row = await claimJob(db, store.caps, jobId)
        if (!row) return false
        job = { ...row, resource_ids: row.resource_ids.split(' ').filter(Boolean), payload: JSON.parse(row.payload) as Record<string, unknown> }
        const now = clock.now()
        const action = this.deps.actions.get(row.job_action)
        if (row.status === 'pending') {
          // a job may be quicker than its action's usual (StopInstances force=1: payload.work_ms)
          const own = job.payload.work_ms
          const workMs = this.deps.speed === 'realistic' ? (typeof own === 'number' && own >= 0 ? own : (action?.workMs ?? DEFAULT_WORK_MS)) : 0
          await setJobStatus(db, jobId, now, { status: 'working', run_after: new Date(now.getTime() + workMs) })
          return true
        }
        if (!action?.settle) throw new Error(`no settle step for job action ${row.job_action}`)
        // a scripted job fault (features/faults): its use and the failure commit together
        const fault = await takeFault(db, 'job', row.job_action, '')
        if (fault) {
          this.deps.log.info({ job_id: jobId, fault_id: fault.fault_id }, 'job failed by a scripted fault')
          await this.markFailed(db, job, scriptedError(fault))
          return true
        }
        await action.settle(job, this.context(db))
        await setJobStatus(db, jobId, now, { status: 'successful' })
        return true
      })
    } catch (error) {
      if (!job) throw error
      await this.fail(job, error)
      return true
    }
  }

  /** The settle step threw: its transaction rolled back; record the failure and put resources to rest. */
  private async fail(job: RunningJob, error: unknown): Promise<void> {
    if (!(error instanceof ApiError)) this.deps.log.error({ err: error, job_id: job.job_id }, 'job failed unexpectedly')
    await this.deps.store.db.transaction().execute(async (db) => {
      if (!(await claimJob(db, this.deps.store.caps, job.job_id))) return
      await this.markFailed(db, job, error)
    })
  }

  /** Inside a transaction that holds the job's claim: the job becomes `failed`, its resources go back to rest. */
  private async markFailed(db: Tx, job: RunningJob, error: unknown): Promise<void> {
    const code = error instanceof ApiError ? error.code : 5000
    await setJobStatus(db, job.job_id, this.deps.clock.now(), { status: 'failed', error_codes: String(code) })
    const action = this.deps.actions.get(job.job_action)
    if (action?.onFailure) await action.onFailure(job, this.context(db))
    else await clearTransitions(db, job.resource_ids)
  }

  private context(db: Tx): JobContext {
    return { db, caps: this.deps.store.caps, clock: this.deps.clock, ids: this.deps.ids, log: this.deps.log }
  }
}
