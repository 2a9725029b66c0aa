// The TypeScript SDK's shared types: options, replies and its errors. Kept apart from index.ts so
// the generated methods (actions.generated.ts) can name them without importing the class.

/** What every reply carries; the rest depends on the action. */
export interface ReplyBase {
  action: string
  ret_code: number
  message?: string
}

export type Reply = ReplyBase & Record<string, unknown>

export interface CallOptions {
  /** The API module, i.e. the path: `iaas` (default) → `/iaas/`, `admin`, `account`. */
  module?: string
  /** Zone for this call instead of the client's. */
  zone?: string
}

export interface RetryOptions {
  /** Tries in all, the first included (default 4). */
  attempts?: number
  /** First delay; doubles each retry, with full jitter (default 200 ms). */
  baseMs?: number
  /** Largest delay (default 5000 ms). */
  maxMs?: number
}

export interface QingCloudOptions {
  accessKeyId: string
  secretAccessKey: string
  /** Default zone, sent with every call (as the QingCloud SDKs do) unless the params name one. */
  zone?: string
  /** `http://127.0.0.1:7777` for QingLocal, `https://api.qingcloud.com` for QingCloud (the default). */
  endpoint?: string
  /** GET (default) or POST with a form body. */
  method?: 'GET' | 'POST'
  /** Default: the global fetch. */
  fetch?: typeof fetch
  retry?: RetryOptions
  /** The time signed into requests (default: now); a server with a moved clock checks against its own. */
  now?: () => Date
}

/** A reply with a non-zero ret_code. */
export class QingCloudError extends Error {
  override readonly name = 'QingCloudError'
  constructor(
    readonly retCode: number,
    message: string,
    readonly action: string,
    readonly reply: Reply,
  ) {
    super(`${action}: ${message} (ret_code ${retCode})`)
  }
}

/** A job that ended `failed`, or that a waiter gave up on. */
export class JobError extends Error {
  override readonly name = 'JobError'
  constructor(
    readonly jobId: string,
    readonly status: string,
    message: string,
  ) {
    super(message)
  }
}

/** A status waiter that ran out of time. */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError'
}
