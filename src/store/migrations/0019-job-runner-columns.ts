// Jobs' runner-level data leaves the payload (issue 15, typed jobs): a job's payload is its
// action's alone, checked against the action's schema, while `work_ms` (a job quicker than its
// action's usual: a forced StopInstances) and `work_attempt` (how often a work step was tried:
// ImportImage) are the runner's, as columns. Jobs written before move their values here, once.
import type { Kysely } from 'kysely'

interface Row {
  job_id: string
  payload: string
  work_ms: number | null
  work_attempt: number
}

type Jobs = Kysely<{ jobs: Row }>

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('work_ms', 'integer').execute()
  await db.schema
    .alterTable('jobs')
    .addColumn('work_attempt', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  const jobs = db as Jobs
  const rows = await jobs
    .selectFrom('jobs')
    .select(['job_id', 'payload'])
    .where((eb) => eb.or([eb('payload', 'like', '%"work_ms"%'), eb('payload', 'like', '%"work_attempt"%')]))
    .execute()
  for (const row of rows) {
    const { work_ms, work_attempt, ...payload } = JSON.parse(row.payload) as Record<string, unknown>
    await jobs
      .updateTable('jobs')
      .set({
        payload: JSON.stringify(payload),
        // the runner read them this leniently: a work_ms that is no number ≥ 0 meant the action's own
        work_ms: typeof work_ms === 'number' && work_ms >= 0 ? Math.round(work_ms) : null,
        work_attempt: Number.isFinite(Number(work_attempt ?? 0)) ? Number(work_attempt ?? 0) : 0,
      })
      .where('job_id', '=', row.job_id)
      .execute()
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const jobs = db as Jobs
  const rows = await jobs
    .selectFrom('jobs')
    .select(['job_id', 'payload', 'work_ms', 'work_attempt'])
    .where((eb) => eb.or([eb('work_ms', 'is not', null), eb('work_attempt', '>', 0)]))
    .execute()
  for (const row of rows) {
    const payload = JSON.parse(row.payload) as Record<string, unknown>
    if (row.work_ms !== null) payload.work_ms = Number(row.work_ms)
    if (Number(row.work_attempt) > 0) payload.work_attempt = Number(row.work_attempt)
    await jobs
      .updateTable('jobs')
      .set({ payload: JSON.stringify(payload) })
      .where('job_id', '=', row.job_id)
      .execute()
  }
  await db.schema.alterTable('jobs').dropColumn('work_attempt').execute()
  await db.schema.alterTable('jobs').dropColumn('work_ms').execute()
}
