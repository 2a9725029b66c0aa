// The SDK as a user installs it: `npm run build` writes dist/client/, package.json exports it as
// `qinglocal/client`, the bundle talks to a server, and its declarations type a consumer's code (a
// call with a missing required parameter does not compile).
import assert from 'node:assert/strict'
import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../support/harness.ts'

const root = new URL('../..', import.meta.url).pathname
let t: TestApp
let endpoint: string
let consumer: string

before(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--client'], { cwd: root, stdio: 'inherit' })
  t = await startTestApp()
  await t.app.listen({ host: '127.0.0.1', port: 0 })
  endpoint = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`
  // a project that has installed qinglocal
  consumer = mkdtempSync(join(tmpdir(), 'qinglocal-sdk-'))
  mkdirSync(join(consumer, 'node_modules'))
  symlinkSync(root, join(consumer, 'node_modules', 'qinglocal'), 'dir')
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module' }))
})
after(async () => {
  await t.close()
  rmSync(consumer, { recursive: true, force: true })
})

/** tsc over one consumer file; '' when it compiles, else the compiler's output. */
function typecheck(source: string): string {
  writeFileSync(join(consumer, 'main.ts'), source)
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  const flags = ['--noEmit', '--strict', '--skipLibCheck', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--types', 'node', '--typeRoots', join(root, 'node_modules', '@types')]
  try {
    execFileSync(process.execPath, [tsc, ...flags, join(consumer, 'main.ts')], { cwd: consumer, encoding: 'utf8' })
    return ''
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error)
  }
}

describe('qinglocal/client, built', () => {
  it('is exported by the package and calls the server', async () => {
    // a separate node in the consumer's directory: resolved through package.json's exports, as installed
    const script = `
      import { QingCloud, QingCloudError } from 'qinglocal/client'
      const e = process.env
      const qc = new QingCloud({ accessKeyId: e.KEY, secretAccessKey: e.SECRET, zone: 'pek3a', endpoint: e.ENDPOINT, now: () => new Date(e.NOW) })
      const zones = await qc.describeZones()
      const refused = await qc.stopInstances({ instances: ['i-nothere1'] }).catch((error) => error)
      console.log(JSON.stringify({ zones: zones.ret_code, typed: refused instanceof QingCloudError, retCode: refused.retCode }))
    `
    const env = { ...process.env, KEY: t.user.access_key_id, SECRET: t.user.secret_access_key, ENDPOINT: endpoint, NOW: t.clock.now().toISOString() }
    // asynchronously: the server answering it runs in this process
    const { stdout: out } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer, env, encoding: 'utf8' })
    assert.deepEqual(JSON.parse(out), { zones: 0, typed: true, retCode: 2100 })
  })

  it('types a consumer’s calls from its declarations', () => {
    const good = typecheck(
      "import { QingCloud, type RunInstancesParams } from 'qinglocal/client'\n" +
        "const qc = new QingCloud({ accessKeyId: 'a', secretAccessKey: 's', zone: 'pek3a' })\n" +
        "const p: RunInstancesParams = { image_id: 'centos79x64', login_mode: 'keypair', login_keypair: 'kp-1' }\n" +
        'export const run = qc.runInstances(p).then((r) => r.ret_code)\n',
    )
    assert.equal(good, '')
    // replies are typed from the Go SDK's output structs: a field read as the wrong type fails
    const reply = "import { QingCloud } from 'qinglocal/client'\n" + "const qc = new QingCloud({ accessKeyId: 'a', secretAccessKey: 's' })\n" + "const r = await qc.describeInstances({ instances: ['i-1'] })\n"
    assert.equal(typecheck(`${reply}export const id: string | undefined = r.instance_set?.[0]?.instance_id\nexport const code: number = r.ret_code\n`), '')
    assert.match(typecheck(`${reply}export const id: number | undefined = r.instance_set?.[0]?.instance_id\n`), /Type 'string \| undefined' is not assignable to type 'number \| undefined'/)
    const head = "import { QingCloud } from 'qinglocal/client'\nconst qc = new QingCloud({ accessKeyId: 'a', secretAccessKey: 's' })\n"
    // a literal union outside its values, then a required parameter left out
    assert.match(typecheck(`${head}export const run = qc.runInstances({ image_id: 'x', login_mode: 'ssh' })\n`), /'"ssh"' is not assignable to type '"passwd" \| "keypair"'/)
    assert.match(typecheck(`${head}export const run = qc.runInstances({ login_mode: 'passwd' })\n`), /image_id/)
  })
})
