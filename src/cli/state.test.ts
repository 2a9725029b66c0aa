// `qinglocal state …` against serve() in this process, on an embedded SQLite file in a temp data
// directory (the dump reads it through a read-only connection of its own): the first start writes
// the initial snapshot that reset goes back to; snapshot, list, restore, export, import and reset
// signed with the data directory's admin.yaml; refusals exit 1 with the reply, local trouble exit 2.
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { gunzipSync } from 'node:zlib'
import type { Server } from '../main.ts'
import { runQinglocal } from '../../test/support/run-cli.ts'
import { serveQuietly } from '../../test/support/serve-quietly.ts'
import { callApi } from './client.ts'
import { readCredentials } from './credentials.ts'

const work = mkdtempSync(join(tmpdir(), 'qinglocal-cli-state-'))
const dataDir = join(work, 'data')
let server: Server | undefined

const qinglocal = (args: string[], env: Record<string, string> = { QINGLOCAL_DATA: dataDir }) => runQinglocal(args, env)

/** A call as the bootstrap user, with the credentials file serve wrote. */
async function asUser(action: string, params: Record<string, unknown> = {}) {
  const c = readCredentials(join(dataDir, 'config.yaml'))
  const reply = await callApi({ baseUrl: c.baseUrl, accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey }, action, { zone: c.zone, ...params })
  assert.equal(reply.ret_code, 0, String(reply.message))
  return reply
}
const keypairs = async () => Number((await asUser('DescribeKeyPairs')).total_count)
const newKeyPair = () => asUser('CreateKeyPair', { encrypt_method: 'ssh-ed25519' })

before(async () => {
  server = await serveQuietly({ dataDir, jobSpeed: 'instant' })
})
after(async () => {
  await server?.close()
  rmSync(work, { recursive: true, force: true })
})

describe('qinglocal state', () => {
  it('the first start wrote the initial snapshot, hidden from the list', async () => {
    assert.ok(existsSync(join(dataDir, 'snapshots', '.initial.qlstate')))
    const listed = await qinglocal(['state', 'list'])
    assert.deepEqual([listed.code, listed.stdout, listed.stderr], [0, 'no snapshots\n', ''])
  })

  it('snapshot, list, restore, export, import and reset', async () => {
    await newKeyPair()
    const taken = await qinglocal(['state', 'snapshot', 'one'])
    assert.equal(taken.code, 0, taken.stderr)
    assert.match(taken.stdout, /^snapshot one: \d+ tables, \d+ rows, \d+ bytes, taken \d{4}-\d\d-\d\dT[\d:]+Z\n$/)
    const again = await qinglocal(['state', 'snapshot', 'one'])
    assert.equal(again.code, 1)
    assert.equal(JSON.parse(again.stdout).ret_code, 2110)
    assert.equal((await qinglocal(['state', 'snapshot', 'one', '--overwrite'])).code, 0)
    const listed = await qinglocal(['state', 'list', '--json'])
    assert.deepEqual(
      JSON.parse(listed.stdout).snapshots.map((s: { name: string }) => s.name),
      ['one'],
    )
    assert.match((await qinglocal(['state', 'list'])).stdout, /^one {2}\s+\d+ bytes {2}\d{4}-/)

    await newKeyPair()
    assert.equal(await keypairs(), 2)
    const restored = await qinglocal(['state', 'restore', 'one'])
    assert.equal(restored.code, 0, restored.stdout)
    assert.match(restored.stdout, /^restored one \(taken .*\): \d+ tables, \d+ rows\n$/)
    assert.equal(await keypairs(), 1)

    const file = join(work, 'exported.qlstate')
    const exported = await qinglocal(['state', 'export', file])
    assert.equal(exported.code, 0, exported.stderr)
    assert.match(exported.stdout, /^wrote .*exported\.qlstate \(\d+ bytes\)\n$/)
    assert.equal(JSON.parse(gunzipSync(readFileSync(file)).toString('utf8').split('\n')[0]!).store, 'sqlite')
    // nothing but the file is left beside it
    assert.deepEqual(
      readdirSync(work).filter((f) => f.includes('exported')),
      ['exported.qlstate'],
    )

    await newKeyPair()
    const imported = await qinglocal(['state', 'import', file])
    assert.equal(imported.code, 0, imported.stdout + imported.stderr)
    assert.match(imported.stdout, /^imported .*exported\.qlstate \(made .* on sqlite\): \d+ tables, \d+ rows\n$/)
    assert.equal(await keypairs(), 1)

    const reset = await qinglocal(['state', 'reset'])
    assert.equal(reset.code, 0, reset.stdout)
    // the credential files still sign: the same keys, an empty store
    assert.equal(await keypairs(), 0)

    assert.equal((await qinglocal(['state', 'delete', 'one'])).code, 0)
    assert.match((await qinglocal(['state', 'list'])).stdout, /^no snapshots\n$/)
  })

  it('refusals exit 1 with the reply; a missing file or no server exit 2', async () => {
    const unknown = await qinglocal(['state', 'restore', 'nothere'])
    assert.equal(unknown.code, 1)
    assert.equal(JSON.parse(unknown.stdout).ret_code, 2100)
    const user = await qinglocal(['state', 'list', '-f', join(dataDir, 'config.yaml')])
    assert.equal(user.code, 1)
    assert.equal(JSON.parse(user.stdout).ret_code, 1400)
    const missing = await qinglocal(['state', 'import', join(work, 'no-such-file')])
    assert.equal(missing.code, 2)
    assert.match(missing.stderr, /^qinglocal state import: .*no-such-file/)
    const nowhere = await qinglocal(['state', 'list'], { QINGLOCAL_DATA: join(work, 'nodata') })
    assert.equal(nowhere.code, 2)
    assert.match(nowhere.stderr, /^qinglocal state list: /)
  })
})
