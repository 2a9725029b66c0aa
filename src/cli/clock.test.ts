// `qinglocal clock` against serve() in this process (an embedded SQLite file store in a temp data
// directory, jobs at manual speed): shown and moved with the data directory's admin key, text or
// JSON; a refusal prints the reply and exits 1, no server exits 2. `qinglocal billing tick`, run
// on the store by hand, follows the moved clock: an hour that began only on the platform's clock
// is charged.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Server } from '../main.ts'
import { runQinglocal } from '../../test/support/run-cli.ts'
import { serveQuietly } from '../../test/support/serve-quietly.ts'

const work = mkdtempSync(join(tmpdir(), 'qinglocal-cli-clock-'))
const dataDir = join(work, 'data')
const dataEnv = { QINGLOCAL_DATA: dataDir }
let server: Server | undefined

const qinglocal = (args: string[], env: Record<string, string> = dataEnv) => runQinglocal(args, env)

before(async () => {
  server = await serveQuietly({ dataDir, jobSpeed: 'manual' })
})
after(async () => {
  await server?.close()
  rmSync(work, { recursive: true, force: true })
})

const WIRE_TIME = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ'

describe('qinglocal clock', () => {
  it('shows the clock, advances it (saying that manual speed waits for stepping), and billing tick follows it', async () => {
    const shown = await qinglocal(['clock'])
    assert.deepEqual([shown.code, shown.stderr], [0, ''])
    assert.match(shown.stdout, new RegExp(`^${WIRE_TIME} \\(running\\), the base clock\\n$`))

    const user = join(dataDir, 'config.yaml')
    const created = await qinglocal(['call', 'CreateVolumes', 'size=20', 'volume_type=0', '-f', user])
    assert.equal(created.code, 0, created.stdout)
    assert.equal((await qinglocal(['jobs', 'step', '--until-done'])).code, 0)
    // by the wall clock the volume's next hour begins in an hour: nothing is due yet
    assert.equal((await qinglocal(['billing', 'tick'])).stdout, 'billing: 0 user(s) settled, 0 lease(s) suspended, 0 resumed\n')

    const advanced = await qinglocal(['clock', 'advance', '1h30m'])
    assert.deepEqual([advanced.code, advanced.stderr], [0, ''])
    assert.match(
      advanced.stdout,
      new RegExp(`^${WIRE_TIME} \\(running\\), 1h 30m ahead of the base clock ${WIRE_TIME}\\njobs run at manual speed: jobs and billing move only when stepped \\(qinglocal jobs step, qinglocal billing tick\\)\\n$`),
    )
    assert.equal((await qinglocal(['billing', 'tick'])).stdout, 'billing: 1 user(s) settled, 0 lease(s) suspended, 0 resumed\n')

    const json = await qinglocal(['clock', '--json', '-f', join(dataDir, 'admin.yaml')])
    assert.equal(json.code, 0)
    const reply = JSON.parse(json.stdout)
    assert.deepEqual([reply.ret_code, reply.offset_seconds, reply.frozen], [0, 5400, false])
  })

  it('sets and freezes it, resumes it; refuses going back (exit 1, the reply printed)', async () => {
    const frozen = await qinglocal(['clock', 'set', '2099-01-01T00:00:00Z', '--freeze'])
    assert.equal(frozen.code, 0, frozen.stdout)
    assert.match(frozen.stdout, new RegExp(`^2099-01-01T00:00:00Z \\(frozen\\), \\d+d( \\d+h)?( \\d+m)?( \\d+s)? ahead of the base clock ${WIRE_TIME}\\n`))
    const back = await qinglocal(['clock', 'set', '2098-12-31T23:59:59Z', '--json'])
    assert.equal(back.code, 1)
    assert.deepEqual(JSON.parse(back.stdout), { ret_code: 1100, message: "InvalidRequestFormat, time never goes back: [2098-12-31T23:59:59Z] is before the platform's time [2099-01-01T00:00:00Z]" })
    const resumed = JSON.parse((await qinglocal(['clock', 'resume', '--json'])).stdout)
    assert.deepEqual([resumed.ret_code, resumed.frozen], [0, false])
    assert.match(resumed.now, /^2099-01-01T00:00:0\dZ$/)
    const bad = await qinglocal(['clock', 'advance', 'soon'])
    assert.equal(bad.code, 1)
    assert.equal(JSON.parse(bad.stdout).ret_code, 1100)
  })

  it("is refused with a user's key (exit 1) and says so when there is no admin.yaml (exit 2)", async () => {
    const user = await qinglocal(['clock', 'advance', '1h', '-f', join(dataDir, 'config.yaml')])
    assert.equal(user.code, 1)
    assert.equal(JSON.parse(user.stdout).ret_code, 1400)
    const nowhere = await qinglocal(['clock'], { QINGLOCAL_DATA: join(work, 'nodata') })
    assert.equal(nowhere.code, 2)
    assert.match(nowhere.stderr, /^qinglocal clock: /)
  })
})
