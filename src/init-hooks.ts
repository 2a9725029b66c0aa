// Init hooks: the files in <dataDir>/init/ready.d/ run once, in name order, when the server is
// ready (after it listens; with --workers N in the primary process only, never in a worker).
//  - An executable file runs with the server's environment plus QINGLOCAL_URL (the API's base
//    URL), QINGLOCAL_DATA (the data directory, so `qinglocal call` finds config.yaml),
//    QINGLOCAL_CREDENTIALS and QINGLOCAL_ADMIN_CREDENTIALS (the bootstrap credential files); its
//    stdout and stderr are logged line by line under the hook's name. A non-zero exit fails it.
//  - A `.yaml`, `.yml` or `.json` file is an action list: `[{ action, module?: iaas|admin,
//    params?, wait?: bool }]`, sent in order through the signed client as the bootstrap user (the
//    bootstrap admin for module admin). `wait` follows the reply's job until it ends. The whole list
//    is checked before anything is sent; the first refusal (ret_code ≠ 0) or failed job ends it.
// Every hook has the same time limit (initHookTimeoutMs). A hook that fails (refused, non-zero exit,
// killed by the time limit, a file that is neither executable nor a valid list) is logged and
// remembered, and the next hook runs: a hook never stops the server. initHookResults() is what the
// last run found (for `health`). Dot files and directories are ignored.
import { spawn } from 'node:child_process'
import { constants, type Dirent, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type pino from 'pino'
import { parse as parseYaml } from 'yaml'
import { callApi, type ClientOptions } from './cli/client.ts'
import { readCredentials } from './cli/credentials.ts'

/** Where the hooks live, under the data directory. */
export const READY_DIR = join('init', 'ready.d')

export interface InitHookResult {
  /** The file name in ready.d. */
  name: string
  kind: 'executable' | 'actions' | 'invalid'
  outcome: 'succeeded' | 'failed' | 'timed_out'
  /** What happened, in a sentence (the failure's reason, or what the hook did). */
  message: string
  duration_ms: number
}

export interface InitHooksStatus {
  /** none: no run in this process yet; running; done (every hook has ended). */
  state: 'none' | 'running' | 'done'
  hooks: readonly InitHookResult[]
}

let status: InitHooksStatus = { state: 'none', hooks: [] }

/** The init hooks of this process's server: which ran, and how each ended (a copy). */
export function initHookResults(): InitHooksStatus {
  return { state: status.state, hooks: status.hooks.map((h) => ({ ...h })) }
}

export interface InitHookOptions {
  dataDir: string
  /** The API's base URL, `http://127.0.0.1:7777`. */
  baseUrl: string
  /** The bootstrap credential files serve wrote. */
  credentialFiles: Record<'user' | 'admin', string>
  timeoutMs: number
  logger: pino.Logger
  /** Stops the run: a running executable is killed, an action list sends nothing more. */
  signal?: AbortSignal
  /** How often `wait` polls DescribeJobs (default 200 ms). */
  pollMs?: number
}

/** One step of an action list, as checked. */
interface Step {
  action: string
  module: 'iaas' | 'admin'
  params: Record<string, unknown>
  wait: boolean
}

const ACTION_LIST = /\.(ya?ml|json)$/i

/** Runs every hook in ready.d in name order; resolves (never rejects) with their outcomes once all have ended. */
export async function runInitHooks(options: InitHookOptions): Promise<InitHookResult[]> {
  const dir = join(options.dataDir, READY_DIR)
  let entries: Dirent[]
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    status = { state: 'done', hooks: [] } // no ready.d: nothing to run
    return []
  }
  // name order by code unit, so 10-x sorts before 2-x as `ls` in the C locale does
  const names = entries
    .filter((e) => !e.name.startsWith('.') && !e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const results: InitHookResult[] = []
  status = { state: 'running', hooks: results }
  for (const name of names) {
    if (options.signal?.aborted) break
    const log = options.logger.child({ hook: name })
    const started = performance.now()
    let result: Omit<InitHookResult, 'name' | 'duration_ms'>
    try {
      result = await runOne(join(dir, name), name, options, log)
    } catch (error) {
      // an unreadable file, or a server that does not answer
      result = { kind: ACTION_LIST.test(name) ? 'actions' : 'executable', outcome: 'failed', message: (error as Error).message }
    }
    const done: InitHookResult = { name, ...result, duration_ms: Math.round(performance.now() - started) }
    results.push(done)
    if (done.outcome === 'succeeded') log.info({ kind: done.kind, duration_ms: done.duration_ms }, `init hook succeeded: ${done.message}`)
    else log.error({ kind: done.kind, outcome: done.outcome, duration_ms: done.duration_ms }, `init hook ${done.outcome === 'timed_out' ? 'timed out' : 'failed'}: ${done.message}`)
  }
  status = { state: 'done', hooks: results }
  const failed = results.filter((r) => r.outcome !== 'succeeded').length
  if (results.length > 0) {
    const summary = results.map(({ name, outcome }) => ({ name, outcome }))
    if (failed === 0) options.logger.info({ hooks: summary }, `init hooks: all ${results.length} succeeded`)
    else options.logger.warn({ hooks: summary }, `init hooks: ${failed} of ${results.length} failed`)
  }
  return results
}

async function runOne(path: string, name: string, options: InitHookOptions, log: pino.Logger): Promise<Omit<InitHookResult, 'name' | 'duration_ms'>> {
  if (ACTION_LIST.test(name)) {
    let steps: Step[]
    try {
      steps = parseActionList(readFileSync(path, 'utf8'))
    } catch (error) {
      return { kind: 'invalid', outcome: 'failed', message: `not a valid action list: ${(error as Error).message}` }
    }
    return runActionList(steps, options, log)
  }
  if ((statSync(path).mode & (constants.S_IXUSR | constants.S_IXGRP | constants.S_IXOTH)) === 0) {
    return { kind: 'invalid', outcome: 'failed', message: 'neither executable nor an action list (.yaml, .yml, .json)' }
  }
  return runExecutable(path, options, log)
}

/** The file's list, checked whole: a mistake anywhere sends nothing. */
export function parseActionList(text: string): Step[] {
  // YAML 1.2 reads JSON too
  const doc = parseYaml(text) as unknown
  if (!Array.isArray(doc)) throw new Error('expected a list of { action, module?, params?, wait? }')
  return doc.map((item, i) => {
    const where = `item ${i + 1}`
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error(`${where}: expected { action, module?, params?, wait? }`)
    const { action, module = 'iaas', params = {}, wait = false, ...rest } = item as Record<string, unknown>
    const unknown = Object.keys(rest)
    if (unknown.length > 0) throw new Error(`${where}: unknown field ${unknown.join(', ')} (expected action, module, params, wait)`)
    if (typeof action !== 'string' || !/^[A-Za-z][A-Za-z0-9]*$/.test(action)) throw new Error(`${where}: action must be an action name such as CreateKeyPair`)
    if (module !== 'iaas' && module !== 'admin') throw new Error(`${where}: module must be iaas or admin, not ${JSON.stringify(module)}`)
    if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new Error(`${where}: params must be a mapping of parameter names to values`)
    if (typeof wait !== 'boolean') throw new Error(`${where}: wait must be true or false`)
    return { action, module, params: params as Record<string, unknown>, wait }
  })
}

async function runActionList(steps: Step[], options: InitHookOptions, log: pino.Logger): Promise<Omit<InitHookResult, 'name' | 'duration_ms'>> {
  const clients = {
    iaas: readCredentials(options.credentialFiles.user),
    admin: readCredentials(options.credentialFiles.admin),
  }
  const deadline = performance.now() + options.timeoutMs
  const timedOut = () => performance.now() > deadline
  const fail = (outcome: 'failed' | 'timed_out', message: string) => ({ kind: 'actions' as const, outcome, message })
  for (const [i, step] of steps.entries()) {
    const where = `item ${i + 1} (${step.action})`
    if (options.signal?.aborted) return fail('failed', `${where}: the server stopped first`)
    if (timedOut()) return fail('timed_out', `${where}: not sent, the hook ran past its ${options.timeoutMs} ms`)
    const credentials = clients[step.module]
    const client: ClientOptions = { baseUrl: credentials.baseUrl, uri: `/${step.module}/`, accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, method: 'POST' }
    // the credential file's zone, as `qinglocal call` adds it, unless the step names one
    const params = { ...(credentials.zone !== undefined ? { zone: credentials.zone } : {}), ...step.params }
    const reply = await callApi(client, step.action, params)
    if (reply.ret_code !== 0) return fail('failed', `${where}: ret_code ${String(reply.ret_code)}: ${String(reply.message)}`)
    log.info({ action: step.action, module: step.module, job_id: reply.job_id }, `${where} done`)
    if (!step.wait) continue
    if (typeof reply.job_id !== 'string') return fail('failed', `${where}: wait is set but the reply has no job_id`)
    // the job belongs to whoever sent the action; DescribeJobs is an /iaas/ action
    const jobClient: ClientOptions = { ...client, uri: '/iaas/', method: 'GET' }
    for (;;) {
      const jobs = await callApi(jobClient, 'DescribeJobs', { 'jobs.1': reply.job_id, ...(typeof params.zone === 'string' ? { zone: params.zone } : {}) })
      const job = (jobs.job_set as Array<{ status: string }> | undefined)?.[0]
      if (job?.status === 'successful') break
      if (!job) return fail('failed', `${where}: job ${reply.job_id} is not found (${String(jobs.message ?? 'no job_set')})`)
      if (job.status === 'failed') return fail('failed', `${where}: job ${reply.job_id} failed`)
      if (options.signal?.aborted) return fail('failed', `${where}: the server stopped while job ${reply.job_id} was ${job.status}`)
      if (timedOut()) return fail('timed_out', `${where}: job ${reply.job_id} was still ${job.status} after ${options.timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200))
    }
    log.info({ action: step.action, job_id: reply.job_id }, `${where}: job ${reply.job_id} successful`)
  }
  return { kind: 'actions', outcome: 'succeeded', message: `${steps.length} action(s) done` }
}

function runExecutable(path: string, options: InitHookOptions, log: pino.Logger): Promise<Omit<InitHookResult, 'name' | 'duration_ms'>> {
  return new Promise((resolve) => {
    const child = spawn(path, [], {
      cwd: options.dataDir,
      env: {
        ...process.env,
        QINGLOCAL_URL: options.baseUrl,
        QINGLOCAL_DATA: options.dataDir,
        QINGLOCAL_CREDENTIALS: options.credentialFiles.user,
        QINGLOCAL_ADMIN_CREDENTIALS: options.credentialFiles.admin,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const lines = (stream: NodeJS.ReadableStream, name: 'stdout' | 'stderr') => {
      const reader = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })
      reader.on('line', (line) => (name === 'stdout' ? log.info({ stream: name }, line) : log.warn({ stream: name }, line)))
      return new Promise<void>((done) => {
        reader.on('close', done)
        stream.on('close', done)
      })
    }
    // the exit is reported once both streams are read to their end, so no line is logged after the outcome
    const read = Promise.all([lines(child.stdout!, 'stdout'), lines(child.stderr!, 'stderr')])
    let stopped: 'timed_out' | 'aborted' | undefined
    const stop = (why: 'timed_out' | 'aborted') => {
      stopped = why
      child.kill('SIGTERM')
      // one that ignores SIGTERM is killed outright
      setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), 2000).unref()
    }
    const timer = setTimeout(() => stop('timed_out'), options.timeoutMs)
    const onAbort = () => stop('aborted')
    options.signal?.addEventListener('abort', onAbort, { once: true })
    let finished = false
    const finish = (result: Omit<InitHookResult, 'name' | 'duration_ms'>) => {
      if (finished) return
      finished = true
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      // something the hook left running in the background may hold its output open: not for long
      const drained = setTimeout(() => {
        child.stdout?.destroy()
        child.stderr?.destroy()
      }, 1000)
      void read.then(() => {
        clearTimeout(drained)
        resolve(result)
      })
    }
    child.once('error', (error) => finish({ kind: 'executable', outcome: 'failed', message: `could not start: ${error.message}` }))
    child.once('exit', (code, signal) => {
      if (stopped === 'timed_out') finish({ kind: 'executable', outcome: 'timed_out', message: `still running after ${options.timeoutMs} ms: stopped` })
      else if (stopped === 'aborted') finish({ kind: 'executable', outcome: 'failed', message: 'stopped: the server is shutting down' })
      else if (code === 0) finish({ kind: 'executable', outcome: 'succeeded', message: 'exit code 0' })
      else finish({ kind: 'executable', outcome: 'failed', message: signal ? `killed by ${signal}` : `exit code ${String(code)}` })
    })
  })
}
