// Waiting for a job inside a multi-step operation (create a volume, then run an instance with it):
// polls DescribeJobs until the job ends; resolves on success, throws when it failed.
import { ApiFailure, call } from './client.ts'
import type { DescribeReply, Job } from './types.ts'

const POLL_MS = 700
const ENDED = new Set(['successful', 'failed', 'done with failure'])

export async function waitForJob(jobId: string, timeoutMs = 120_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const reply = await call<DescribeReply<'job_set', Job>>('iaas', 'DescribeJobs', { jobs: [jobId], verbose: 1 })
    const job = reply.job_set[0]
    if (job && ENDED.has(job.status)) {
      if (job.status !== 'successful') throw new ApiFailure(5000, `${job.job_action} (${job.job_id}): ${job.status}${job.error_codes ? ` ${job.error_codes}` : ''}`)
      return job
    }
    if (Date.now() > deadline) throw new ApiFailure(0, `job ${jobId} still running`)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}
