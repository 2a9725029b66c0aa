// DescribeServerCertificates: the caller's certificates newest first with the PEM texts (the key
// opened), filtered by id and search word, paged with total_count; others' are not shown.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { createCertificate, pem } from '../../../../test/support/lb-policy-fixtures.ts'

let t: TestApp
let ids: string[]
let other: Awaited<ReturnType<typeof payingUser>>
let theirs: string
before(async () => {
  t = await startTestApp()
  ids = []
  for (const name of ['alpha', 'beta', 'gamma']) {
    ids.push(await createCertificate(t, { server_certificate_name: name }))
    t.clock.advance(1000)
  }
  other = await payingUser(t, 0)
  theirs = await createCertificate(t, { server_certificate_name: 'alpha' }, other.key)
})
after(() => t.close())

describe('DescribeServerCertificates', () => {
  it('lists the caller’s certificates newest first with their PEM texts, the key opened (Go sends verbose, limit, offset)', async () => {
    const reply = ok(await t.call('DescribeServerCertificates', { verbose: 0, limit: 20, offset: 0 }))
    assert.equal(reply.total_count, 3)
    assert.deepEqual(
      reply.server_certificate_set.map((c: { server_certificate_id: string }) => c.server_certificate_id),
      [...ids].reverse(),
    )
    const c = reply.server_certificate_set[2]
    assert.deepEqual(c, {
      server_certificate_id: ids[0],
      server_certificate_name: 'alpha',
      description: null,
      certificate_content: pem('rsa.crt'),
      private_key: pem('rsa.key'),
      create_time: '2026-01-15T08:00:00Z',
      owner: t.user.user_id,
      zone_id: 'pek3a',
    })
  })

  it('filters by ids and by a word in the id or name, pages with the whole count', async () => {
    const byIds = ok(await t.call('DescribeServerCertificates', { server_certificates: [ids[1], theirs, 'sc-nothere1'] }))
    assert.deepEqual([byIds.total_count, byIds.server_certificate_set.map((c: { server_certificate_id: string }) => c.server_certificate_id)], [1, [ids[1]]])
    const byWord = ok(await t.call('DescribeServerCertificates', { search_word: 'ALP' }))
    assert.deepEqual([byWord.total_count, byWord.server_certificate_set[0].server_certificate_id], [1, ids[0]])
    const byId = ok(await t.call('DescribeServerCertificates', { search_word: ids[2]!.slice(3) }))
    assert.deepEqual([byId.total_count, byId.server_certificate_set[0].server_certificate_id], [1, ids[2]])
    const paged = ok(await t.call('DescribeServerCertificates', { offset: 1, limit: 1 }))
    assert.deepEqual([paged.total_count, paged.server_certificate_set.length, paged.server_certificate_set[0].server_certificate_id], [3, 1, ids[1]])
  })

  it('shows another user’s certificates to nobody else (owner names them for an admin only)', async () => {
    const mine = ok(await t.call('DescribeServerCertificates', { owner: other.user_id }))
    assert.deepEqual([mine.total_count, mine.server_certificate_set], [0, []])
    const admin = ok(await t.call('DescribeServerCertificates', { owner: other.user_id }, { key: t.admin }))
    assert.deepEqual([admin.total_count, admin.server_certificate_set[0].server_certificate_id], [1, theirs])
    const theirView = ok(await t.call('DescribeServerCertificates', {}, { key: other.key }))
    assert.deepEqual([theirView.total_count, theirView.server_certificate_set[0].private_key], [1, pem('rsa.key')])
  })

  it('answers 1100 for a bad limit or verbose', async () => {
    const r = await t.call('DescribeServerCertificates', { verbose: 5 })
    assert.deepEqual([r.ret_code, r.message], [1100, 'InvalidRequestFormat, parameter verbose value 5 is out of range, maximum 2'])
    const r2 = await t.call('DescribeServerCertificates', { offset: 'x' })
    assert.deepEqual([r2.ret_code, r2.message], [1100, 'InvalidRequestFormat, parameter offset should be integer'])
  })
})
