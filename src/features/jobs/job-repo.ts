// Jobs: the asynchronous half of actions such as RunInstances. Issue #3 adds the runner that
// moves them from pending to working to successful or failed.
import type { Queryable } from '../../store/database.ts'
import { contains } from '../../store/search.ts'

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
