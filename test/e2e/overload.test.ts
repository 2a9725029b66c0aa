// The load test of issue 6: `qinglocal serve` as a child process with a limit of 2 requests in
// flight, a few hundred concurrent signed requests from the project's client on loopback. Every
// request is answered (no client time-out, no connection error), each with 0 or 5100 ServerBusy,
// some with 5100; afterwards sequential requests are all served again and /metrics agrees.
// Then the fairness of issue 14: a user whose slow requests (made slow by a failpoint pause) hold
// their share is refused beyond it, while the admin is served, and is served again afterwards.
//
// Why CreateKeyPair is in the burst: on SQLite (better-sqlite3 is synchronous) a request that only
// reads the store runs from start to reply without yielding to the event loop, so Describe
// requests are handled strictly one after another and never more than one is in flight, however
// many arrive. RSA key generation runs on libuv's thread pool (CreateKeyPair's `prepare`), so those
// requests stay in flight while the server reads the next ones: with a limit of 2, every request
// that arrives while two of them are generating keys is refused. The test does not depend on how
// fast anything is; it does need the limit to be exceeded at least once, which a burst of 300 with
// 10 key generations makes all but certain: up to three bursts are tried, and the test fails if
// none was refused anything.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { it } from 'node:test'
import { callApi } from '../../src/cli/client.ts'
import { readCredentials } from '../../src/cli/credentials.ts'
import { call, ok, startServer, tempData, TIMEOUT, type Reply } from '../support/e2e-server.ts'

const BURST = 300
const KEYGENS_PER_BURST = 10

function series(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `))
  return line === undefined ? undefined : Number(line.slice(name.length + 1))
}

it('a burst beyond the in-flight limit is answered 0 or 5100 (never a time-out), and service is whole afterwards', { timeout: TIMEOUT * 2 }, async () => {
  // the one user of the burst may take every slot: this test is about the global limit
  const server = await startServer(tempData(), 'instant', { QINGLOCAL_MAX_IN_FLIGHT: '2', QINGLOCAL_MAX_IN_FLIGHT_PER_USER: '2' })
  const metrics = async () => (await fetch(`${server.user.baseUrl}/metrics`)).text()
  assert.equal(series(await metrics(), 'qinglocal_api_max_in_flight'), 2)

  let busy = 0
  let served = 0
  for (let round = 0; round < 3 && busy === 0; round++) {
    const requests = Array.from({ length: BURST }, (_, i): [string, Record<string, unknown>] =>
      i % (BURST / KEYGENS_PER_BURST) === 0 ? ['CreateKeyPair', { encrypt_method: 'ssh-rsa' }] : i % 2 ? ['DescribeZones', {}] : ['DescribeInstances', {}],
    )
    const outcomes = await Promise.all(
      requests.map(([action, params]) =>
        call(server, action, params).then(
          (reply) => ({ action, reply }),
          (error: Error) => ({ action, error: `${error.message} ${(error.cause as Error | undefined)?.message ?? ''}` }),
        ),
      ),
    )
    const failures = outcomes.filter((o) => 'error' in o)
    assert.deepEqual(failures, [], 'every request must get an answer')
    const replies = outcomes as Array<{ action: string; reply: Reply }>
    const others = replies.filter(({ reply }) => reply.ret_code !== 0 && reply.ret_code !== 5100)
    assert.deepEqual(others, [], 'nothing but 0 and 5100')
    for (const { reply } of replies.filter(({ reply }) => reply.ret_code === 5100)) assert.match(reply.message, /^ServerBusy, /)
    busy += replies.filter(({ reply }) => reply.ret_code === 5100).length
    served += replies.filter(({ reply }) => reply.ret_code === 0).length

    // keep under the key pair quota whatever the number of rounds
    const created = replies.filter(({ action, reply }) => action === 'CreateKeyPair' && reply.ret_code === 0).map(({ reply }) => reply.keypair_id as string)
    if (created.length > 0) await ok(server, 'DeleteKeyPairs', { keypairs: created })
  }
  assert.ok(busy > 0, `no request was refused in three bursts of ${BURST}: the limit of 2 was never exceeded`)
  assert.ok(served > 0, 'some requests of the bursts were served')

  // full service again: one at a time, everything is answered 0
  for (let i = 0; i < 10; i++) {
    await ok(server, 'DescribeZones')
    await ok(server, 'DescribeInstances')
  }
  const key = await ok(server, 'CreateKeyPair', { encrypt_method: 'ssh-rsa' })
  await ok(server, 'DeleteKeyPairs', { keypairs: [key.keypair_id] })

  const text = await metrics()
  assert.equal(series(text, 'qinglocal_api_requests_in_flight'), 0)
  const refused = ['in_flight', 'user_in_flight', 'deadline'].reduce((sum, reason) => sum + (series(text, `qinglocal_api_busy_total{reason="${reason}"}`) ?? NaN), 0)
  assert.equal(refused, busy, '/metrics counts every 5100 the clients saw')
  const answered5100 = ['DescribeZones', 'DescribeInstances', 'CreateKeyPair'].reduce((sum, action) => sum + (series(text, `qinglocal_api_requests_total{action="${action}",ret_code="5100"}`) ?? 0), 0)
  assert.equal(answered5100, busy)

  server.child.kill('SIGTERM')
  await server.exit
})

it("a user's slow requests hold only their share: beyond it they are refused 5100, the admin is served, and afterwards they are served again", { timeout: TIMEOUT }, async () => {
  const dataDir = tempData()
  const server = await startServer(dataDir, 'instant', {
    QINGLOCAL_MAX_IN_FLIGHT: '8',
    QINGLOCAL_MAX_IN_FLIGHT_PER_USER: '2',
    QINGLOCAL_FAILPOINTS: 'request:DescribeKeyPairs@5000',
  })
  const admin = readCredentials(join(dataDir, 'admin.yaml'))
  const metrics = async () => (await fetch(`${server.user.baseUrl}/metrics`)).text()
  const busyUser = { ret_code: 5100, message: 'ServerBusy, requests in flight for this user reached the limit [2], retry later' }

  // the user's share is taken by two slow requests (nothing else is in flight)
  const slow = [call(server, 'DescribeKeyPairs'), call(server, 'DescribeKeyPairs')]
  while (series(await metrics(), 'qinglocal_api_requests_in_flight') !== 2) await new Promise((r) => setTimeout(r, 20))
  const extra = await Promise.all([call(server, 'DescribeKeyPairs'), call(server, 'DescribeKeyPairs'), call(server, 'DescribeZones'), call(server, 'DescribeInstances')])
  assert.deepEqual(extra, Array(4).fill(busyUser))
  // the admin (another user) is served, on the API and on the admin module
  assert.equal(((await callApi(admin, 'DescribeZones', { zone: 'pek3a' })) as Reply).ret_code, 0)
  assert.equal(((await callApi({ ...admin, uri: '/admin/' }, 'DescribeFaults', {})) as Reply).ret_code, 0)

  for (const reply of await Promise.all(slow)) assert.equal(reply.ret_code, 0)
  // the slots came back: the user is served again
  while (series(await metrics(), 'qinglocal_api_requests_in_flight') !== 0) await new Promise((r) => setTimeout(r, 20))
  await ok(server, 'DescribeZones')
  const text = await metrics()
  assert.equal(series(text, 'qinglocal_api_busy_total{reason="user_in_flight"}'), 4)
  assert.equal(series(text, 'qinglocal_api_busy_total{reason="in_flight"}'), 0)
  assert.equal(series(text, 'qinglocal_api_max_in_flight_per_user'), 2)

  server.child.kill('SIGTERM')
  await server.exit
})
