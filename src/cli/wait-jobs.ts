// `qinglocal call … --wait`: follows the jobs a reply names (job_id, or job_ids as a list or a map
// of resource → job) by polling DescribeJobs until each is successful or failed. On a terminal the
// progress is one line rewritten in place; otherwise (a log, a CI job) one line per status change.
// Resolves to the exit code: 0 when every job succeeded, 1 when one failed (its error code shown),
// 3 when the timeout passed first (the jobs go on on the server).
import { callApi, type ClientOptions } from './client.ts'

export interface WaitOptions {
  client: ClientOptions
  zone: string | undefined
  timeoutMs: number
  pollMs: number
  err(text: string): void
  /** stderr is a terminal: rewrite one progress line instead of logging each change. */
  tty: boolean
}

/** The job ids a reply names, in its order; empty when it started none. */
export function jobIdsOf(reply: Record<string, unknown>): string[] {
  const ids: string[] = []
  if (typeof reply.job_id === 'string' && reply.job_id !== '') ids.push(reply.job_id)
  const many = reply.job_ids
  const values = Array.isArray(many) ? many : many && typeof many === 'object' ? Object.values(many) : []
  for (const id of values) if (typeof id === 'string' && id !== '' && !ids.includes(id)) ids.push(id)
  return ids
}

interface JobRow {
  job_id: string
  job_action?: string
  status: string
  error_codes?: string
}

const TERMINAL = new Set(['successful', 'failed'])

export async function waitForJobs(jobIds: readonly string[], options: WaitOptions): Promise<number> {
  const started = performance.now()
  const seen = new Map<string, string>()
  const params: Record<string, string> = {}
  for (const [i, id] of jobIds.entries()) params[`jobs.${i + 1}`] = id
  if (options.zone !== undefined) params.zone = options.zone
  params.limit = String(Math.min(100, jobIds.length))
  const seconds = () => Math.round((performance.now() - started) / 1000)
  let progressShown = false
  const endProgress = () => {
    if (progressShown) options.err('\n')
    progressShown = false
  }

  for (;;) {
    const reply = await callApi(options.client, 'DescribeJobs', params)
    if (reply.ret_code !== 0) {
      endProgress()
      throw new Error(`DescribeJobs answered ${String(reply.ret_code)}: ${String(reply.message)}`)
    }
    const rows = new Map(((reply.job_set ?? []) as JobRow[]).map((row) => [row.job_id, row]))
    const missing = jobIds.filter((id) => !rows.has(id))
    if (missing.length > 0) {
      endProgress()
      throw new Error(`DescribeJobs does not know job ${missing.join(', ')} (another zone? use -z)`)
    }
    const jobs = jobIds.map((id) => rows.get(id)!)
    if (options.tty) {
      // \r and erase-line: the one line follows the jobs
      options.err(`\r\x1b[K${jobs.map((j) => `${j.job_id} ${j.status}`).join(', ')} (${seconds()}s)`)
      progressShown = true
    } else {
      for (const job of jobs) {
        if (seen.get(job.job_id) === job.status) continue
        seen.set(job.job_id, job.status)
        options.err(`job ${job.job_id} (${job.job_action ?? '?'}): ${job.status} after ${seconds()}s\n`)
      }
    }
    if (jobs.every((j) => TERMINAL.has(j.status))) {
      endProgress()
      const failed = jobs.filter((j) => j.status === 'failed')
      for (const job of failed) options.err(`job ${job.job_id} (${job.job_action ?? '?'}) failed${job.error_codes ? ` with error code ${job.error_codes}` : ''}\n`)
      return failed.length > 0 ? 1 : 0
    }
    if (performance.now() - started + options.pollMs > options.timeoutMs) {
      endProgress()
      const open = jobs.filter((j) => !TERMINAL.has(j.status)).map((j) => `${j.job_id} (${j.status})`)
      options.err(`gave up waiting after ${seconds()}s: ${open.join(', ')} still running on the server\n`)
      return 3
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs))
  }
}
