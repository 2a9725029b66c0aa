// The wire protocol end to end through the real app: methods, paths, envelopes, authentication,
// freshness, parameter errors and the unexpected-failure path. Runs on TEST_DATABASE.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { signedRequest } from '../../src/cli/client.ts'
import { formatTime } from '../../src/lib/clock.ts'
import { startTestApp, type TestApp } from '../support/harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

describe('envelope', () => {
  it('answers success as HTTP 200 JSON with action, ret_code 0 and a request id header', async () => {
    const reply = await t.send({ params: { action: 'DescribeZones' } })
    assert.equal(reply.status, 200)
    assert.match(String(reply.headers['content-type']), /^application\/json/)
    assert.match(String(reply.headers['x-request-id']), /^req-[0-9a-f]{16}$/)
    assert.equal(reply.body.action, 'DescribeZonesResponse')
    assert.equal(reply.body.ret_code, 0)
  })

  it('answers errors as HTTP 200 JSON with ret_code and a "Name, detail" message', async () => {
    const reply = await t.send({ params: { action: 'NoSuchAction', zone: 'pek3a' } })
    assert.equal(reply.status, 200)
    assert.match(String(reply.headers['content-type']), /^application\/json/)
    assert.deepEqual(reply.body, { ret_code: 1101, message: 'InvalidRequestMethod, action [NoSuchAction] is not supported by module [iaas]' })
  })
})

describe('paths and methods', () => {
  for (const path of ['/iaas/', '/iaas', '//iaas//']) {
    it(`serves module iaas at ${path}, signed with that path`, async () => {
      assert.equal((await t.send({ path, params: { action: 'DescribeZones' } })).body.ret_code, 0)
    })
  }

  it('accepts a form-encoded POST', async () => {
    const reply = await t.send({ method: 'POST', params: { action: 'DescribeZones', 'zones.1': 'sh1a' } })
    assert.equal(reply.body.ret_code, 0)
    assert.deepEqual(
      reply.body.zone_set.map((z: { zone_id: string }) => z.zone_id),
      ['sh1a'],
    )
  })

  it('reads + in a form body as a space (Python SDK POST bodies) before verifying', async () => {
    // signed over "a b"; the body carries "a+b" as urlencode writes it
    const reply = await t.send({ method: 'POST', params: { action: 'DescribeZones', search_word: 'a b' } })
    assert.equal(reply.body.ret_code, 0)
  })

  it('rejects a body that is not form-encoded with 1100', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/iaas/', payload: '{"action":"DescribeZones"}', headers: { 'content-type': 'application/json' } })
    assert.equal(response.statusCode, 200)
    assert.equal(JSON.parse(response.body).ret_code, 1100)
    assert.match(JSON.parse(response.body).message, /unsupported content type \[application\/json\]/)
  })

  it('answers another HTTP method on a module path with 1101', async () => {
    const response = await t.app.inject({ method: 'DELETE', url: '/iaas/' })
    assert.equal(response.statusCode, 200)
    assert.equal(JSON.parse(response.body).ret_code, 1101)
  })

  for (const path of ['/nosuch/', '/iaas/extra', '/', '/iam/']) {
    it(`answers 3300 InvalidAPIModule for ${path}`, async () => {
      const reply = await t.send({ path, params: { action: 'DescribeZones' } })
      assert.equal(reply.status, 200)
      assert.equal(reply.body.ret_code, 3300)
      assert.match(reply.body.message, /^InvalidAPIModule, no API module at path \[/)
    })
  }
})

describe('authentication (1200)', () => {
  it('accepts HmacSHA1 as well as HmacSHA256', async () => {
    assert.equal((await t.send({ signatureMethod: 'HmacSHA1', params: { action: 'DescribeZones' } })).body.ret_code, 0)
  })

  it('rejects a wrong secret', async () => {
    const reply = await t.send({ key: { access_key_id: t.user.access_key_id, secret_access_key: 'wrong' }, params: { action: 'DescribeZones' } })
    assert.deepEqual(reply.body, { ret_code: 1200, message: 'AuthFailure, signature not matched' })
  })

  it('rejects a parameter changed after signing, unknown ones included', async () => {
    const reply = await t.send({ params: { action: 'DescribeZones', req_id: 'abc' }, afterSigning: (w) => (w.req_id = 'abd') })
    assert.equal(reply.body.ret_code, 1200)
  })

  it('rejects a parameter added after signing', async () => {
    const reply = await t.send({ params: { action: 'DescribeZones' }, afterSigning: (w) => (w['zones.1'] = 'pek3a') })
    assert.equal(reply.body.ret_code, 1200)
  })

  it('rejects a signature made for another path (/iaas/ signed, /iaas sent)', async () => {
    const sent = await t.app.inject({ method: 'GET', url: `/iaas?${signedQueryFor('/iaas/')}` })
    assert.equal(JSON.parse(sent.body).ret_code, 1200)
  })

  it('rejects an unknown access key id', async () => {
    const reply = await t.send({ key: { access_key_id: 'NOSUCHKEYNOSUCHKEYXX', secret_access_key: 'x' }, params: { action: 'DescribeZones' } })
    assert.deepEqual(reply.body, { ret_code: 1200, message: 'AuthFailure, access key [NOSUCHKEYNOSUCHKEYXX] does not exist' })
  })

  it('rejects a disabled access key', async () => {
    await t.store.db.updateTable('access_keys').set({ status: 'disabled' }).where('access_key_id', '=', t.admin.access_key_id).execute()
    try {
      const reply = await t.send({ key: t.admin, params: { action: 'DescribeZones' } })
      assert.deepEqual(reply.body, { ret_code: 1200, message: `AuthFailure, access key [${t.admin.access_key_id}] is not active` })
    } finally {
      await t.store.db.updateTable('access_keys').set({ status: 'active' }).where('access_key_id', '=', t.admin.access_key_id).execute()
    }
  })
})

/** The query string of a signed DescribeZones made for `path`, by the project's own client. */
function signedQueryFor(path: string): string {
  const key = { accessKeyId: t.user.access_key_id, secretAccessKey: t.user.secret_access_key }
  return signedRequest({ baseUrl: '', uri: path, ...key, now: () => t.clock.now() }, 'DescribeZones', {}).url.split('?')[1]!
}

describe('freshness (1300)', () => {
  const at = (offsetSeconds: number) => formatTime(new Date(t.clock.now().getTime() + offsetSeconds * 1000))

  it('accepts a time_stamp 60 seconds off either way', async () => {
    assert.equal((await t.send({ params: { action: 'DescribeZones', time_stamp: at(-60) } })).body.ret_code, 0)
    assert.equal((await t.send({ params: { action: 'DescribeZones', time_stamp: at(60) } })).body.ret_code, 0)
  })

  it('rejects a time_stamp older than the window', async () => {
    const reply = await t.send({ params: { action: 'DescribeZones', time_stamp: at(-61) } })
    assert.equal(reply.body.ret_code, 1300)
    assert.match(reply.body.message, /^RequestHasExpired, time_stamp \[2026-01-15T07:58:59Z\] is 61 seconds away from server time/)
  })

  it('rejects a time_stamp from the future beyond the window', async () => {
    assert.equal((await t.send({ params: { action: 'DescribeZones', time_stamp: at(3600) } })).body.ret_code, 1300)
  })

  it('rejects an expires in the past, accepts one in the future (the CLI sends now + 20 minutes)', async () => {
    assert.equal((await t.send({ params: { action: 'DescribeZones', expires: at(1200) } })).body.ret_code, 0)
    const reply = await t.send({ params: { action: 'DescribeZones', expires: at(-1) } })
    assert.equal(reply.body.ret_code, 1300)
    assert.match(reply.body.message, /request expired at \[/)
  })

  it('judges freshness by the server clock as it moves', async () => {
    const stamp = at(0)
    t.clock.advance(61_000)
    try {
      assert.equal((await t.send({ params: { action: 'DescribeZones', time_stamp: stamp } })).body.ret_code, 1300)
    } finally {
      t.clock.advance(-61_000)
    }
  })

  it('honours a configured window', async () => {
    const wide = await startTestApp({ timestampWindowSeconds: 600 })
    try {
      const old = formatTime(new Date(wide.clock.now().getTime() - 300_000))
      assert.equal((await wide.send({ params: { action: 'DescribeZones', time_stamp: old } })).body.ret_code, 0)
    } finally {
      await wide.close()
    }
  })
})

describe('malformed requests (1100)', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a malformed time_stamp', { action: 'DescribeZones', time_stamp: '2026-01-15 08:00:00' }, /parameter time_stamp should be UTC time format: \[YYYY-MM-DDThh:mm:ssZ\]/],
    ['an impossible date', { action: 'DescribeZones', time_stamp: '2026-02-30T08:00:00Z' }, /parameter time_stamp should be UTC time format/],
    ['hour 24', { action: 'DescribeZones', time_stamp: '2026-02-27T24:00:00Z' }, /parameter time_stamp should be UTC time format/],
    ['second 60', { action: 'DescribeZones', time_stamp: '2026-02-27T23:59:60Z' }, /parameter time_stamp should be UTC time format/],
    ['a malformed expires', { action: 'DescribeZones', expires: 'tomorrow' }, /parameter expires should be UTC time format/],
    ['an unknown signature_method', { action: 'DescribeZones', signature_method: 'HmacMD5' }, /unsupported parameter signature_method value HmacMD5/],
    ['signature_version 2', { action: 'DescribeZones', signature_version: '2' }, /unsupported parameter signature_version value 2/],
    ['version 2', { action: 'DescribeZones', version: '2' }, /unsupported parameter version value 2/],
    ['a non-integer limit', { action: 'DescribeJobs', zone: 'pek3a', limit: 'ten' }, /parameter limit should be integer/],
    ['a negative offset', { action: 'DescribeJobs', zone: 'pek3a', offset: '-1' }, /parameter offset value -1 is out of range/],
    ['a zone-scoped action without zone', { action: 'DescribeJobs' }, /missing parameter zone/],
    ['an object where a list of strings is expected', { action: 'DescribeZones', 'zones.1.x': 'a' }, /parameter zones.1 should be string/],
  ]
  for (const [what, params, message] of cases) {
    it(`names the problem for ${what}`, async () => {
      const reply = await t.send({ params })
      assert.equal(reply.body.ret_code, 1100, reply.body.message)
      assert.match(reply.body.message, /^InvalidRequestFormat, /)
      assert.match(reply.body.message, message)
    })
  }

  it('names a missing action', async () => {
    assert.deepEqual((await t.send({ params: { zone: 'pek3a' } })).body, { ret_code: 1100, message: 'InvalidRequestFormat, missing parameter action' })
  })

  it('names a missing access_key_id on an unsigned request', async () => {
    assert.deepEqual((await t.send({ key: null, params: { action: 'DescribeZones' } })).body, {
      ret_code: 1100,
      message: 'InvalidRequestFormat, missing parameter access_key_id',
    })
  })

  it('names a missing signature', async () => {
    const reply = await t.send({ params: { action: 'DescribeZones' }, afterSigning: (w) => delete w.signature })
    assert.deepEqual(reply.body, { ret_code: 1100, message: 'InvalidRequestFormat, missing parameter signature' })
  })

  it('rejects a parameter given twice', async () => {
    const query = `${signedQueryFor('/iaas/')}&zones.1=pek3a&zones.1=sh1a`
    const body = JSON.parse((await t.app.inject({ method: 'GET', url: `/iaas/?${query}` })).body)
    assert.deepEqual(body, { ret_code: 1100, message: 'InvalidRequestFormat, parameter zones.1 is given more than once' })
  })

  it('rejects a body larger than the limit with 1100', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/iaas/',
      payload: `action=DescribeZones&pad=${'x'.repeat(1024 * 1024)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    assert.equal(response.statusCode, 200)
    assert.equal(JSON.parse(response.body).ret_code, 1100)
  })
})

describe('zones in requests', () => {
  it('denies a zone the platform does not offer (1400)', async () => {
    assert.deepEqual(await t.call('DescribeJobs', { zone: 'xx9z' }), { ret_code: 1400, message: 'PermissionDenied, access denied for zone [xx9z]' })
  })

  it('ignores zone for global actions (the Python SDK always sends one)', async () => {
    assert.equal((await t.call('DescribeZones', { zone: 'anything' })).ret_code, 0)
  })
})

describe('unexpected failures (5000)', () => {
  it('answers InternalError naming only the request id when the store goes away', async () => {
    const broken = await startTestApp()
    await broken.store.close() // the database disappears under a running server
    try {
      const reply = await broken.send({ params: { action: 'DescribeZones' } })
      assert.equal(reply.status, 200)
      assert.equal(reply.body.ret_code, 5000)
      assert.equal(reply.body.message, `InternalError, an unexpected error occurred, request id [${String(reply.headers['x-request-id'])}]`)
    } finally {
      await broken.app.close()
      await broken.close().catch(() => {}) // the store is already closed
    }
  })
})
