// Jobs: the asynchronous half of actions such as RunInstances, as rows, so they survive a restart
// and several server processes sharing PostgreSQL can run them (job-runner.ts moves them on).
import { formatTime } from '../../lib/clock.ts'
import type { IdGenerator } from '../../lib/ids.ts'
import type { JobSpec } from '../../protocol/action.ts'
import type { Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { contains } from '../../store/search.ts'

export const ACTIVE_JOB_STATUSES = ['pending', 'working'] as const

/** A new job is pending until `pendingMs` has passed; the runner decides how long it then stays working. */
export async function insertJob(db: Queryable, ids: IdGenerator, now: Date, spec: JobSpec, pendingMs = 0): Promise<string> {
  const job_id = ids.resource('j')
  const time = formatTime(now)
  await db
    .insertInto('jobs')
    .values({
      job_id,
      job_action: spec.job_action,
      status: 'pending',
      owner: spec.owner,
      zone_id: spec.zone_id,
      resource_ids: spec.resource_ids.join(' '),
      error_codes: '',
      directive: '',
      create_time: time,
      status_time: time,
      run_after: new Date(now.getTime() + pendingMs).toISOString(),
      // an action that declares no payload has none: '{}' as before
      payload: JSON.stringify(spec.payload ?? {}),
      work_ms: spec.work_ms ?? null,
    })
    .execute()
  return job_id
}

/** A due job as the runner listed it: its phase (status) and when that phase was due, the version its claim compares against. */
export interface DueJob {
  job_id: string
  status: string
  run_after: string
}

/**
 * Unfinished jobs whose next phase is due (all of them when `now` is undefined), oldest first.
 * `notWorking` names actions whose working jobs are left out (their work waits for a transfer
 * slot, and must not hide the jobs behind them).
 */
export async function listDueJobs(db: Queryable, now: Date | undefined, limit: number, notWorking: readonly string[] = []): Promise<DueJob[]> {
  let q = db.selectFrom('jobs').select(['job_id', 'status', 'run_after']).where('status', 'in', ACTIVE_JOB_STATUSES)
  if (now) q = q.where('run_after', '<=', now.toISOString())
  if (notWorking.length > 0) q = q.where((eb) => eb.not(eb.and([eb('status', '=', 'working'), eb('job_action', 'in', notWorking)])))
  return q.orderBy('run_after').orderBy('job_id').limit(limit).execute()
}

/** How many unfinished jobs are due at `now` (the control API's health). */
export async function countDueJobs(db: Queryable, now: Date): Promise<number> {
  const row = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', 'in', ACTIVE_JOB_STATUSES)
    .where('run_after', '<=', now.toISOString())
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** When the next unfinished job becomes due, if any (leaving out the working jobs of `notWorking`, as listDueJobIds). */
export async function nextDueTime(db: Queryable, notWorking: readonly string[] = []): Promise<Date | undefined> {
  let q = db.selectFrom('jobs').select('run_after').where('status', 'in', ACTIVE_JOB_STATUSES)
  if (notWorking.length > 0) q = q.where((eb) => eb.not(eb.and([eb('status', '=', 'working'), eb('job_action', 'in', notWorking)])))
  const row = await q.orderBy('run_after').limit(1).executeTakeFirst()
  return row ? new Date(row.run_after) : undefined
}

/**
 * Locks one unfinished job for this transaction; undefined when finished or claimed by another
 * process. Given `seen` (the phase a listing showed), a compare-and-set: the job is claimed only
 * while it is still in that phase, due at that time, so a process whose listing went stale while
 * another took the phase (every worker of `serve --workers N` runs jobs) never takes it again or
 * skips the next phase's wait. On SQLite every write transaction holds the database's write lock
 * (store.ts begins them IMMEDIATE), on PostgreSQL the row lock re-reads the committed row.
 */
export async function claimJob(db: Tx, caps: Capabilities, jobId: string, seen?: Omit<DueJob, 'job_id'>) {
  let q = db.selectFrom('jobs').selectAll().where('job_id', '=', jobId).where('status', 'in', ACTIVE_JOB_STATUSES)
  if (seen) q = q.where('status', '=', seen.status).where('run_after', '=', seen.run_after)
  return caps.claim(q).executeTakeFirst()
}

export async function setJobStatus(db: Queryable, jobId: string, now: Date, change: { status: string; run_after?: Date; error_codes?: string; work_attempt?: number }) {
  await db
    .updateTable('jobs')
    .set({
      status: change.status,
      status_time: formatTime(now),
      ...(change.run_after && { run_after: change.run_after.toISOString() }),
      ...(change.error_codes !== undefined && { error_codes: change.error_codes }),
      ...(change.work_attempt !== undefined && { work_attempt: change.work_attempt }),
    })
    .where('job_id', '=', jobId)
    .execute()
}

export interface JobFilter {
  owner: string
  zone_id: string
  jobs?: string[]
  status?: string[]
  job_action?: string
  search_word?: string
}

export async function listJobs(db: Queryable, filter: JobFilter, page: { offset: number; limit: number }) {
  let q = db.selectFrom('jobs').where('owner', '=', filter.owner).where('zone_id', '=', filter.zone_id)
  if (filter.jobs?.length) q = q.where('job_id', 'in', filter.jobs)
  if (filter.status?.length) q = q.where('status', 'in', filter.status)
  if (filter.job_action) q = q.where('job_action', '=', filter.job_action)
  if (filter.search_word) {
    const word = filter.search_word
    q = q.where((eb) => eb.or([contains('job_id', word), contains('job_action', word)]))
  }
  const [{ n }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    q
      .select(['job_id', 'job_action', 'status', 'create_time', 'status_time', 'owner', 'zone_id', 'resource_ids', 'error_codes', 'directive'])
      .orderBy('create_time', 'desc')
      .orderBy('job_id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
  ])
  return { total: Number(n), rows }
}

/**
 * When each successful job of these actions on `resourceId` in the zone settled (its status_time),
 * oldest first: the history the rows do not keep (monitoring reads an instance's stops and starts
 * from it). resource_ids is space-separated, so the match is by whole id.
 */
export async function settledJobsOn(db: Queryable, zone: string, resourceId: string, actions: readonly string[]): Promise<Array<{ job_action: string; time: string }>> {
  if (actions.length === 0) return []
  const rows = await db
    .selectFrom('jobs')
    .select(['job_action', 'status_time', 'resource_ids'])
    .where('zone_id', '=', zone)
    .where('status', '=', 'successful')
    .where('job_action', 'in', actions)
    .where(contains('resource_ids', resourceId))
    .orderBy('status_time')
    .orderBy('job_id')
    .execute()
  return rows.filter((r) => r.resource_ids.split(' ').includes(resourceId)).map((r) => ({ job_action: r.job_action, time: r.status_time }))
}
