// Compute requests recorded from the real Python SDK and qingcloud CLI (recorded-compute.json,
// how they were captured: docs/real-clients.md), replayed byte for byte, signature included,
// against the app with the clock at the recorded time_stamp. Each client's requests are replayed
// in the order it sent them, on a store holding the instance and volume ids it referred to, and
// each must succeed and do what the client asked, not merely authenticate.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { recordCode } from '../support/codes.ts'
import { insertInstance, insertVolume } from '../support/fixtures.ts'
import { addAccessKey, startTestApp, type TestApp } from '../support/harness.ts'

interface RecordedRequest {
  name: string
  client: 'sdk' | 'cli'
  method: 'GET' | 'POST'
  path: string
  query: string
  body: string
  content_type: string | null
  time_stamp: string
  signature: string
  recorded_reply: { action: string; ret_code: number }
}

const recorded = JSON.parse(readFileSync(new URL('./recorded-compute.json', import.meta.url), 'utf8')) as {
  access_key_id: string
  secret_access_key: string
  resources: Record<'sdk' | 'cli', { instance_id: string; volume_id: string }>
  vectors: RecordedRequest[]
}

const paramsOf = (v: RecordedRequest) => new URLSearchParams(v.method === 'GET' ? v.query : v.body)
const actionOf = (v: RecordedRequest) => paramsOf(v).get('action')!

let t: TestApp
before(async () => {
  t = await startTestApp()
  await addAccessKey(t, recorded, t.user.user_id)
})
after(() => t.close())

/** Sends the recorded request as it was, with `edit` applied to its parameters when given. */
async function replay(v: RecordedRequest, edit?: (params: URLSearchParams) => void) {
  let { query, body } = v
  if (edit) {
    const params = paramsOf(v)
    edit(params)
    if (v.method === 'GET') query = params.toString()
    else body = params.toString()
  }
  const response = await t.app.inject(v.method === 'POST' ? { method: 'POST', url: v.path, payload: body, headers: { 'content-type': v.content_type ?? 'application/x-www-form-urlencoded' } } : { method: 'GET', url: `${v.path}?${query}` })
  assert.equal(response.statusCode, 200)
  const reply = JSON.parse(response.body)
  recordCode(reply.ret_code)
  return reply
}

const instanceRow = (id: string) => t.store.db.selectFrom('instances').selectAll().where('instance_id', '=', id).executeTakeFirstOrThrow()
const volumeRow = (id: string) => t.store.db.selectFrom('volumes').selectAll().where('volume_id', '=', id).executeTakeFirstOrThrow()

it('holds the five compute actions from each client, signed with the recorded key', () => {
  for (const client of ['sdk', 'cli'] as const) {
    const actions = recorded.vectors.filter((v) => v.client === client).map(actionOf)
    for (const action of ['RunInstances', 'DescribeInstances', 'StopInstances', 'CreateVolumes', 'AttachVolumes']) {
      assert.ok(actions.includes(action), `${client} ${action} recorded`)
    }
  }
  for (const v of recorded.vectors) {
    const params = paramsOf(v)
    assert.equal(params.get('access_key_id'), recorded.access_key_id, v.name)
    assert.equal(params.get('signature'), v.signature, v.name)
    assert.equal(params.get('time_stamp'), v.time_stamp, v.name)
    assert.equal(v.recorded_reply.ret_code, 0, `${v.name} succeeded when it was recorded`)
  }
})

for (const client of ['sdk', 'cli'] as const) {
  describe(`${client === 'sdk' ? 'Python SDK' : 'qingcloud CLI'} requests replayed in recorded order`, () => {
    const ids = recorded.resources[client]
    before(async () => {
      // the resources the later requests name, as they stood: the instance the client had just
      // run, and (for AttachVolumes) the volume it had just created
      await insertInstance(t, { instance_id: ids.instance_id, instance_name: `${client}-demo`, hostname: ids.instance_id })
      await insertVolume(t, { volume_id: ids.volume_id, volume_name: `${client}-data` })
    })

    for (const v of recorded.vectors.filter((x) => x.client === client)) {
      it(`${v.name}: verifies and succeeds at ${v.time_stamp}`, async () => {
        t.clock.set(v.time_stamp)
        const reply = await replay(v)
        assert.equal(reply.ret_code, 0, `${v.name}: ${JSON.stringify(reply)}`)
        assert.equal(reply.action, v.recorded_reply.action)
        const params = paramsOf(v)

        switch (actionOf(v)) {
          case 'RunInstances': {
            assert.equal(reply.instances.length, 1)
            assert.match(reply.job_id, /^j-/)
            await t.settle()
            const row = await instanceRow(reply.instances[0])
            assert.deepEqual(
              { status: row.status, name: row.instance_name, type: row.instance_type, image: row.image_id, login: row.login_mode },
              { status: 'running', name: params.get('instance_name'), type: 'c1m1', image: 'centos79x64', login: 'passwd' },
            )
            break
          }
          case 'DescribeInstances': {
            assert.equal(reply.total_count, 1)
            assert.equal(reply.instance_set[0].instance_id, ids.instance_id)
            // verbose=1 lists the volumes: the field is there (an array) whatever is attached
            if (params.get('verbose') === '1') assert.ok(Array.isArray(reply.instance_set[0].volume_ids))
            break
          }
          case 'StopInstances': {
            assert.equal(params.get('force'), '0', 'both clients send force=0')
            assert.equal((await instanceRow(ids.instance_id)).transition_status, 'stopping')
            await t.settle()
            assert.equal((await instanceRow(ids.instance_id)).status, 'stopped')
            // the client started it again before creating and attaching its volume
            assert.equal((await t.call('StartInstances', { instances: [ids.instance_id] })).ret_code, 0)
            await t.settle()
            break
          }
          case 'CreateVolumes': {
            assert.equal(reply.volumes.length, 1)
            await t.settle()
            const row = await volumeRow(reply.volumes[0])
            assert.deepEqual({ status: row.status, size: row.size, type: row.volume_type, name: row.volume_name }, { status: 'available', size: 20, type: 0, name: params.get('volume_name') })
            break
          }
          case 'AttachVolumes': {
            await t.settle()
            const row = await volumeRow(ids.volume_id)
            assert.deepEqual({ status: row.status, instance: row.instance_id, device: row.device }, { status: 'in-use', instance: ids.instance_id, device: '/dev/vdb' })
            break
          }
          default:
            assert.fail(`no expectation for ${actionOf(v)}`)
        }
      })
    }
  })
}

describe('the recorded signatures are really checked', () => {
  const run = recorded.vectors.find((v) => v.client === 'cli' && actionOf(v) === 'RunInstances')!

  it('a recorded request with one parameter changed is refused (1200)', async () => {
    t.clock.set(run.time_stamp)
    const reply = await replay(run, (p) => p.set('instance_type', 'c2m4'))
    assert.equal(reply.ret_code, 1200, JSON.stringify(reply))
  })

  it('a recorded request an hour after its time_stamp is refused (1300)', async () => {
    t.clock.set(new Date(new Date(run.time_stamp).getTime() + 3600_000))
    const reply = await replay(run)
    assert.equal(reply.ret_code, 1300, JSON.stringify(reply))
  })
})
