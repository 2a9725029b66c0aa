// CreateKeyPair under a burst: a caller without quota is refused before any key is generated (the
// generation counter does not move), so 50 refused calls cost next to nothing and other requests
// are answered meanwhile; with room for two, exactly two of ten parallel calls get a key.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { setQuotas } from '../../../../test/support/fixtures-quotas.ts'
import { keyGenerations } from '../ssh-keys.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('CreateKeyPair and the keypair quota', () => {
  it('with quota 0, 50 parallel calls all answer 2500 without generating a key, and DescribeZones is answered meanwhile', async () => {
    await setQuotas(t, { keypair: 0 })
    const generatedBefore = keyGenerations.started
    const creates = Array.from({ length: 50 }, (_, i) => t.call('CreateKeyPair', { keypair_name: `k${i}` }))
    const zones = t.call('DescribeZones')
    const replies = await Promise.all(creates)
    assert.deepEqual(
      replies.map((r) => r.ret_code),
      Array(50).fill(2500),
    )
    assert.match(replies[0]!.message, /you only have 0 keypair quota left/)
    assert.equal((await zones).ret_code, 0)
    assert.equal(keyGenerations.started, generatedBefore, 'a refused call generated no key')
  })

  it('with quota 2, exactly two of ten parallel calls get a key; the other eight answer 2500, none 5100', async () => {
    await setQuotas(t, { keypair: 2 })
    const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => t.call('CreateKeyPair', { keypair_name: `q${i}` })))
    const codes = replies.map((r) => r.ret_code).sort((a, b) => a - b)
    assert.deepEqual(codes, [0, 0, ...Array(8).fill(2500)])
    assert.equal((await t.call('DescribeKeyPairs')).total_count, 2)
    // once the quota is used up, the pre-check refuses before generating
    const generatedBefore = keyGenerations.started
    assert.equal((await t.call('CreateKeyPair', { keypair_name: 'one more' })).ret_code, 2500)
    assert.equal(keyGenerations.started, generatedBefore)
  })

  it('generates off the event loop: a DescribeZones sent along with four key generations is answered before they all end', async () => {
    await setQuotas(t, { keypair: -1 })
    const order: string[] = []
    const creates = Array.from({ length: 4 }, (_, i) =>
      t.call('CreateKeyPair', { keypair_name: `loop${i}` }).then((r) => {
        order.push('key')
        return r
      }),
    )
    const zones = t.call('DescribeZones').then((r) => {
      order.push('zones')
      return r
    })
    assert.equal((await zones).ret_code, 0)
    assert.deepEqual(
      (await Promise.all(creates)).map((r) => r.ret_code),
      [0, 0, 0, 0],
    )
    assert.ok(order.indexOf('zones') < order.length - 1, `answers in order: ${order.join(', ')}`)
  })

  it('checks parameters before the quota: a bad public key is 1100 even without quota', async () => {
    await setQuotas(t, { keypair: 0 })
    const reply = await t.call('CreateKeyPair', { mode: 'user', public_key: 'ssh-rsa AAAA' })
    assert.equal(reply.ret_code, 1100, reply.message)
  })
})
