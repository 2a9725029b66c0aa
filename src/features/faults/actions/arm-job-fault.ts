// ArmJobFault (admin): the next `count` jobs of `job_action` (StopInstances, RunInstances, …) fail
// with `ret_code` (default 5000) instead of settling: the job ends `failed` with that code and the
// action's onFailure puts its resources back (a StopInstances job leaves the instance running).
// The job runner takes the use in the transaction that marks the job failed (jobs/job-runner.ts),
// so a use is spent exactly when a job fails from it. Jobs already queued are hit too, when they
// reach the end of their working phase. The name is checked for its form only (see ArmFault).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Int, Optional, Str } from '../../../protocol/params.ts'
import { ACTION_NAME, insertFault, requireErrorCode } from '../fault.ts'

export const armJobFault = defineAction({
  name: 'ArmJobFault',
  zone: 'none',
  params: Type.Object({
    job_action: Str({ maxLength: 64, pattern: ACTION_NAME }),
    count: Optional(Int({ minimum: 1, maximum: 1000 })),
    ret_code: Optional(Int()),
  }),
  async handle(params, ctx) {
    const ret_code = requireErrorCode(params.ret_code ?? 5000)
    const fault_id = await insertFault(ctx, { kind: 'job', action: params.job_action, access_key_id: '', ret_code, remaining: params.count ?? 1 })
    ctx.log.warn({ fault_id, job_action: params.job_action, ret_code }, 'scripted job fault armed')
    return { fault_id }
  },
})
