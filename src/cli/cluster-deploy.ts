// `qinglocal cluster deploy --conf conf.json --version appv-…`: reads a cluster configuration file,
// compacts it (QingCloud wants the conf without whitespace) and sends DeployAppVersion as POST,
// since a conf can be longer than a URL should be. A file that is missing or empty is the
// configuration-file error 8004 before anything is sent; every other refusal is the server's,
// printed as name (code): message. With --wait, follows the job until the cluster is up.
import { readFileSync } from 'node:fs'
import { catalogue } from '../errors.ts'
import { callApi, type ClientOptions } from './client.ts'

export interface DeployOptions {
  client: ClientOptions
  confFile: string
  version: string
  zone: string | undefined
  /** Extra DeployAppVersion parameters (charge_mode, duration, …). */
  params: Record<string, string>
  wait: boolean
  /** How often --wait polls DescribeJobs. */
  pollMs?: number
}

export interface Output {
  out(text: string): void
  err(text: string): void
}

/** `ConfigFileMissing (8004): …`: a refusal as the user reads it. */
export function refusal(retCode: number, message: string): string {
  const name = Object.entries(catalogue).find(([, e]) => e.code === retCode)?.[0] ?? 'Error'
  // the server's messages start with the error name already: `InvalidClusterSetting, role [x] …`
  const detail = message.startsWith(`${name}, `) ? message.slice(name.length + 2) : message
  return `${name} (${retCode}): ${detail}`
}

function readConf(path: string): { conf: string } | { missing: string } {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return { missing: code === 'ENOENT' ? `${path} does not exist` : `${path} can not be read (${code ?? (error as Error).message})` }
  }
  if (text.trim() === '') return { missing: `${path} is empty` }
  // compacted when it parses; sent as written when it does not, for the server to say what is wrong (8000)
  try {
    return { conf: JSON.stringify(JSON.parse(text)) }
  } catch {
    return { conf: text }
  }
}

/** Runs the command; the process exit code: 0 deployed, 1 refused, 2 could not ask. */
export async function deployCluster(options: DeployOptions, io: Output): Promise<number> {
  const read = readConf(options.confFile)
  if ('missing' in read) {
    io.err(refusal(catalogue.ConfigFileMissing.code, `missing configuration file: ${read.missing}`) + '\n')
    return 1
  }
  const params: Record<string, string> = { ...options.params, version_id: options.version, conf: read.conf }
  if (options.zone !== undefined) params.zone = options.zone
  const reply = await callApi({ ...options.client, method: 'POST' }, 'DeployAppVersion', params)
  if (reply.ret_code !== 0) {
    io.err(refusal(Number(reply.ret_code), String(reply.message)) + '\n')
    return 1
  }
  io.out(JSON.stringify(reply, null, 2) + '\n')
  if (!options.wait) return 0

  for (;;) {
    const jobs = await callApi(options.client, 'DescribeJobs', { 'jobs.1': String(reply.job_id), ...(options.zone ? { zone: options.zone } : {}) })
    const job = (jobs.job_set as Array<{ status: string }> | undefined)?.[0]
    if (job?.status === 'successful') {
      io.out(`cluster ${String(reply.cluster_id)} is active\n`)
      return 0
    }
    if (!job || job.status === 'failed') {
      io.err(`cluster ${String(reply.cluster_id)} was not created: job ${String(reply.job_id)} ${job ? 'failed' : 'is not found'}\n`)
      return 1
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000))
  }
}
