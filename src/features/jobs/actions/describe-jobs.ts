// DescribeJobs: every client waits for asynchronous actions by polling this with jobs.1=<id> until
// the status is neither pending nor working (Go client.WaitJob, Python wait_job, terraform, CSI).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { describeParams, List, Optional, page, Str } from '../../../protocol/params.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { listJobs } from '../job-repo.ts'

export const describeJobs = defineAction({
  name: 'DescribeJobs',
  params: Type.Object({
    jobs: Optional(List(Str())),
    status: Optional(List(Str())),
    job_action: Optional(Str()),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, job_set: [] }
      const { total, rows } = await listJobs(ctx.db, { ...params, owner, zone_id: ctx.zone }, page(params))
      return { total_count: total, job_set: rows }
    })
  },
})
