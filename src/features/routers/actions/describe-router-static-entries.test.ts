import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { addEntries, addStatics, insertRouter, PPTP } from '../../../../test/support/router-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const entries = async (params: Record<string, unknown>, options: Parameters<TestApp['call']>[2] = {}) => {
  const reply = await t.call('DescribeRouterStaticEntries', params, options)
  assert.equal(reply.ret_code, 0, reply.message)
  return reply
}
const ids = (reply: Record<string, any>) => (reply.router_static_entry_set as Array<{ router_static_entry_id: string }>).map((e) => e.router_static_entry_id).sort() // eslint-disable-line @typescript-eslint/no-explicit-any

describe('DescribeRouterStaticEntries', () => {
  it('shows entries with every field as a string, by static or by id in all three spellings, paged', async () => {
    const router = await insertRouter(t)
    const [vpn, other] = await addStatics(t, router.router_id, [PPTP, PPTP])
    const [alice, bob, carol] = await addEntries(t, vpn!, [
      { val1: 'alice', val2: 'pw1', router_static_entry_name: 'Admin Alice' },
      { val1: 'bob', val2: 'pw2' },
      { val1: 'carol', val2: 'pw3' },
    ])
    const [dave] = await addEntries(t, other!, [{ val1: 'dave', val2: 'pw4' }])
    const one = await entries({ router_static_entries: alice })
    assert.deepEqual(one.router_static_entry_set, [
      { router_id: router.router_id, router_static_id: vpn, router_static_entry_id: alice, router_static_entry_name: 'Admin Alice', val1: 'alice', val2: 'pw1', owner: t.user.user_id, create_time: '2026-01-15T08:00:00Z' },
    ])
    assert.equal(one.total_count, 1)
    assert.deepEqual(ids(await entries({ router_static_entries: [alice, dave] })), [alice, dave].sort())
    assert.deepEqual(ids(await entries({ router_static_entry_id: bob })), [bob])
    assert.deepEqual(ids(await entries({ router_static: vpn })), [alice, bob, carol].sort())
    assert.deepEqual(ids(await entries({ router_static: other })), [dave])
    assert.deepEqual(ids(await entries({ router_static: vpn, router_static_entries: [alice, dave] })), [alice])
    const first = await entries({ router_static: vpn, limit: 2 })
    const rest = await entries({ router_static: vpn, limit: 2, offset: 2 })
    assert.deepEqual([first.total_count, first.router_static_entry_set.length, rest.router_static_entry_set.length], [3, 2, 1])
    assert.deepEqual([...ids(first), ...ids(rest)].sort(), [alice, bob, carol].sort())
    assert.deepEqual(ids(await entries({ search_word: alice!.slice(3) })), [alice])
    assert.deepEqual(ids(await entries({ router_static: vpn, search_word: 'admin ali' })), [alice])
    assert.equal((await entries({ router_static: 'rtrs-nonexist' })).total_count, 0)
    assert.equal((await entries({ router_static: vpn, zone: 'sh1a' })).total_count, 0)
  })

  it('shows another user’s entries to nobody but an admin naming the owner', async () => {
    const router = await insertRouter(t)
    const [vpn] = await addStatics(t, router.router_id, [PPTP])
    const [alice] = await addEntries(t, vpn!, [{ val1: 'alice', val2: 'pw' }])
    assert.deepEqual(ids(await entries({ router_static_entries: [alice] }, { key: t.admin })), [])
    assert.deepEqual(ids(await entries({ router_static_entries: [alice], owner: t.user.user_id }, { key: t.admin })), [alice])
    assert.deepEqual(ids(await entries({ router_static_entries: [alice], owner: t.admin.user_id })), [])
    const bad = await t.call('DescribeRouterStaticEntries', { limit: 'all' })
    assert.deepEqual([bad.ret_code, bad.message], [1100, 'InvalidRequestFormat, parameter limit should be integer'])
  })
})
