// The typed TypeScript SDK, `import { QingCloud } from 'qinglocal/client'`: signed calls to QingLocal
// or to QingCloud itself (the same wire), one typed method per action (actions.generated.ts, from the
// schemas the server validates with), retries and job/status waiters. Signing and the flattening of
// lists (`x.N`, `x.N.field`) are the CLI's (src/cli/client.ts signedRequest); the request goes out
// with fetch, the caller's if given. Retries: ret_code 5100 (busy) always; a network error only for
// Describe* actions, which change nothing (a lost RunInstances reply may have started instances).
// Each retry waits a random time up to base·2^n, capped (full jitter), a bounded number of times.
import { signedRequest } from '../cli/client.ts'
import { realTimeMs } from '../lib/clock.ts'
import { QingCloudActions } from './actions.generated.ts'
import { type CallOptions, JobError, QingCloudError, type QingCloudOptions, type Reply, type ReplyBase, WaitTimeoutError } from './types.ts'

export * from './actions.generated.ts'
export * from './types.ts'

const BUSY = 5100
const DEFAULT_ENDPOINT = 'https://api.qingcloud.com'

export interface WaitOptions {
  /** Give up after this long (default 10 minutes). */
  timeoutMs?: number
  /** Pause between looks (default 2 s). */
  intervalMs?: number
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export class QingCloud extends QingCloudActions {
  readonly endpoint: string
  readonly zone: string | undefined
  readonly #options: QingCloudOptions

  constructor(options: QingCloudOptions) {
    super()
    if (!options.accessKeyId || !options.secretAccessKey) throw new TypeError('QingCloud needs accessKeyId and secretAccessKey')
    this.#options = options
    this.endpoint = (options.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '')
    this.zone = options.zone
  }

  /**
   * Calls `action` with `params` (lists and lists of objects are flattened); a non-zero ret_code
   * throws QingCloudError. `R` is what the caller takes the reply to be (the typed methods name their
   * action's); it is not checked.
   */
  async call<R extends ReplyBase = Reply>(action: string, params: object = {}, options: CallOptions = {}): Promise<R> {
    const zone = options.zone ?? this.zone
    const wire: Record<string, unknown> = { ...(zone !== undefined && { zone }), ...(params as Record<string, unknown>) }
    const attempts = Math.max(1, this.#options.retry?.attempts ?? 4)
    const idempotent = action.startsWith('Describe')
    for (let attempt = 1; ; attempt++) {
      let reply: Reply
      try {
        reply = await this.#send(action, wire, options.module ?? 'iaas')
      } catch (error) {
        if (idempotent && attempt < attempts) {
          await sleep(this.#delay(attempt))
          continue
        }
        throw error
      }
      if (reply.ret_code === 0) return reply as R
      if (reply.ret_code === BUSY && attempt < attempts) {
        await sleep(this.#delay(attempt))
        continue
      }
      throw new QingCloudError(reply.ret_code, reply.message ?? 'no message', action, reply)
    }
  }

  /** Polls DescribeJobs until the job is successful (resolves to its row) or failed (JobError). */
  async waitJob(jobId: string, options: WaitOptions = {}): Promise<Record<string, unknown>> {
    const row = await this.waitFor(
      async () => {
        const reply = await this.call('DescribeJobs', { jobs: [jobId] })
        const job = (reply.job_set as Array<Record<string, unknown>> | undefined)?.find((j) => j.job_id === jobId)
        if (!job) throw new JobError(jobId, 'unknown', `job ${jobId} not found`)
        return job
      },
      (job) => job.status === 'successful' || job.status === 'failed',
      options,
    )
    if (row.status === 'failed') throw new JobError(jobId, 'failed', `job ${jobId} (${String(row.job_action ?? '')}) failed${row.error_codes ? `: ${String(row.error_codes)}` : ''}`)
    return row
  }

  /** Calls `describe` until `predicate` holds for its result (resolved), or the timeout passes (WaitTimeoutError). */
  async waitFor<T>(describe: () => Promise<T>, predicate: (value: T) => boolean, options: WaitOptions = {}): Promise<T> {
    const timeoutMs = options.timeoutMs ?? 600_000
    const intervalMs = options.intervalMs ?? 2_000
    // waiting is real time, whatever the server's clock says
    const deadline = realTimeMs() + timeoutMs
    for (;;) {
      const value = await describe()
      if (predicate(value)) return value
      if (realTimeMs() + intervalMs > deadline) throw new WaitTimeoutError(`condition not met within ${timeoutMs} ms`)
      await sleep(intervalMs)
    }
  }

  async #send(action: string, params: Record<string, unknown>, module: string): Promise<Reply> {
    const o = this.#options
    const request = signedRequest({ baseUrl: this.endpoint, uri: `/${module}/`, accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey, ...(o.method && { method: o.method }), ...(o.now && { now: o.now }) }, action, params)
    const response = await (o.fetch ?? fetch)(request.url, { method: request.method, headers: request.headers, ...(request.body !== undefined && { body: request.body }) })
    const text = await response.text()
    try {
      return JSON.parse(text) as Reply
    } catch {
      throw new Error(`${action}: HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`)
    }
  }

  /** Full jitter: a random wait up to base·2^(attempt-1), capped. */
  #delay(attempt: number): number {
    const base = this.#options.retry?.baseMs ?? 200
    const max = this.#options.retry?.maxMs ?? 5_000
    return Math.random() * Math.min(max, base * 2 ** (attempt - 1))
  }
}
