// Manual job speed from the outside: a server started with QINGLOCAL_JOB_SPEED=manual leaves jobs
// pending until `qinglocal jobs step` (another process, same store) moves them. SQLite file store
// on every TEST_DATABASE, like serve.test.ts, since the subject is two processes sharing one store.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { after, before, describe, it } from 'node:test'
import { callApi } from '../../src/cli/client.ts'
import { readCredentials, type Credentials } from '../../src/cli/credentials.ts'
import type { Server } from '../../src/main.ts'
import { recordCode } from '../support/codes.ts'
import { serveQuietly } from '../support/serve-quietly.ts'
import { qinglocalSource } from '../support/source-bin.ts'

const run = promisify(execFile)

describe('qinglocal jobs step', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qinglocal-jobs-'))
  const dataDir = join(dir, 'data')
  let server: Server
  let credentials: Credentials
  before(async () => {
    server = await serveQuietly({ dataDir, jobSpeed: 'manual' })
    credentials = readCredentials(join(dataDir, 'config.yaml'))
  })
  after(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const call = async (action: string, params: Record<string, unknown> = {}) => {
    const reply = await callApi(credentials, action, { zone: 'pek3a', ...params })
    recordCode(reply.ret_code as number)
    return reply as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
  }
  const step = async (...flags: string[]) => (await run(process.execPath, [...qinglocalSource, 'jobs', 'step', '--data', dataDir, ...flags], { env: { PATH: process.env.PATH ?? '' } })).stdout

  it('leaves a job pending until stepped, one phase per step or all at once', async () => {
    const reply = await call('RunInstances', { image_id: 'centos79x64', instance_type: 'c1m1', login_mode: 'passwd', login_passwd: 'Passw0rd123' })
    assert.equal(reply.ret_code, 0, reply.message)
    const status = async () => (await call('DescribeJobs', { 'jobs.1': reply.job_id })).job_set[0].status
    await new Promise((resolve) => setTimeout(resolve, 100))
    assert.equal(await status(), 'pending')
    assert.match(await step(), /^1 job phase\(s\) taken/)
    assert.equal(await status(), 'working')
    assert.match(await step('--until-done'), /^1 job phase\(s\) taken/)
    assert.equal(await status(), 'successful')
    const instance = (await call('DescribeInstances', { 'instances.1': reply.instances[0] })).instance_set[0]
    assert.deepEqual([instance.status, instance.transition_status], ['running', ''])
  })
})
