// `qinglocal health` against serve() in this process (an embedded SQLite file store in a temp data
// directory, as developer.test.ts does): signed with the admin key of the data directory by default,
// text or JSON; a user's key is refused (exit 1), no server is exit 2.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Server } from '../main.ts'
import { runQinglocal } from '../../test/support/run-cli.ts'
import { serveQuietly } from '../../test/support/serve-quietly.ts'

const work = mkdtempSync(join(tmpdir(), 'qinglocal-cli-health-'))
const dataDir = join(work, 'data')
let server: Server | undefined

const qinglocal = (args: string[], env: Record<string, string> = {}) => runQinglocal(args, env)

before(async () => {
  server = await serveQuietly({ dataDir, jobSpeed: 'instant' })
})
after(async () => {
  await server?.close()
  rmSync(work, { recursive: true, force: true })
})

describe('qinglocal health', () => {
  it("prints how the server stands, signed with the data directory's admin.yaml", async () => {
    const text = await qinglocal(['health'], { QINGLOCAL_DATA: dataDir })
    assert.deepEqual([text.code, text.stderr], [0, ''])
    assert.match(text.stdout, /^QingLocal \d+\.\d+\.\d+\S*, up \d+s, store sqlite:.*qinglocal\.db\n/)
    assert.match(text.stdout, /\nactions: \d+ \(\/iaas\/ \d+, .*\/admin\/ \d+/)
    assert.match(text.stdout, /\nfeatures: access-keys \d+, accounts \d+, .*volumes \d+/)
    assert.match(text.stdout, /\njobs: runner running \(instant\), \d+ due, \d+ work step\(s\) in progress\n/)
    assert.match(text.stdout, /\nmaintenance: off\nlicense: none, \d+ of \d+ hosts\ninit hooks: \w+, \d+ hook\(s\)\n/)

    const json = await qinglocal(['health', '--json', '-f', join(dataDir, 'admin.yaml')])
    assert.equal(json.code, 0)
    const reply = JSON.parse(json.stdout)
    assert.equal(reply.ret_code, 0)
    assert.equal(reply.jobs.running, true)
    assert.ok(reply.modules.some((m: { module: string }) => m.module === 'iaas'))
  })

  it("is refused with a user's key (exit 1) and says so when the data directory has no admin.yaml (exit 2)", async () => {
    const user = await qinglocal(['health', '-f', join(dataDir, 'config.yaml')])
    assert.equal(user.code, 1)
    assert.equal(JSON.parse(user.stdout).ret_code, 1400)
    const nowhere = await qinglocal(['health'], { QINGLOCAL_DATA: join(work, 'nodata') })
    assert.equal(nowhere.code, 2)
    assert.match(nowhere.stderr, /^qinglocal health: /)
  })
})
