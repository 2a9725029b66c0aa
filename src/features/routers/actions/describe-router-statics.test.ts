import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createVxnet } from '../../../../test/support/fixtures-vxnets.ts'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { addEntries, addStatics, insertRouter, PORT_FORWARDING, PPTP } from '../../../../test/support/router-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const describeStatics = async (params: Record<string, unknown>, options: Parameters<TestApp['call']>[2] = {}) => {
  const reply = await t.call('DescribeRouterStatics', params, options)
  assert.equal(reply.ret_code, 0, reply.message)
  return reply
}
const ids = (reply: Record<string, any>) => (reply.router_static_set as Array<{ router_static_id: string }>).map((s) => s.router_static_id).sort() // eslint-disable-line @typescript-eslint/no-explicit-any

describe('DescribeRouterStatics', () => {
  it('shows a static with every field in its JSON type, its entries included', async () => {
    const router = await insertRouter(t)
    const vxnet = await createVxnet(t)
    const [pf] = await addStatics(t, router.router_id, [{ ...PORT_FORWARDING, router_static_name: 'web', vxnet_id: vxnet }])
    const [vpn] = await addStatics(t, router.router_id, [PPTP])
    const [alice, bob] = await addEntries(t, vpn!, [
      { val1: 'alice', val2: 'pw1', router_static_entry_name: 'a' },
      { val1: 'bob', val2: 'pw2' },
    ])
    const reply = await describeStatics({ router: router.router_id })
    assert.equal(reply.total_count, 2)
    const byId = new Map(reply.router_static_set.map((s: { router_static_id: string }) => [s.router_static_id, s]))
    assert.deepEqual(byId.get(pf), {
      router_static_id: pf,
      router_id: router.router_id,
      vxnet_id: vxnet,
      router_static_name: 'web',
      static_type: 1,
      val1: '80',
      val2: '192.168.1.2',
      val3: '80',
      val4: 'tcp',
      val5: '',
      val6: '',
      val7: '',
      val8: '',
      val9: '',
      disabled: 0,
      owner: t.user.user_id,
      create_time: '2026-01-15T08:00:00Z',
      entry_set: [],
    })
    const vpnItem = byId.get(vpn) as Record<string, unknown>
    assert.deepEqual([vpnItem.static_type, vpnItem.val1, vpnItem.val3, vpnItem.val4, vpnItem.vxnet_id], [2, 'pptp', '100', '10.255.0.0/24', ''])
    assert.deepEqual(
      (vpnItem.entry_set as Array<Record<string, string>>).sort((a, b) => a.val1!.localeCompare(b.val1!)),
      [
        { router_static_entry_id: alice, router_static_entry_name: 'a', val1: 'alice', val2: 'pw1' },
        { router_static_entry_id: bob, router_static_entry_name: '', val1: 'bob', val2: 'pw2' },
      ],
    )
  })

  it('filters by id, router, vxnet and static_type, pages with offset/limit and counts the whole match', async () => {
    const [r1, r2] = [await insertRouter(t), await insertRouter(t)]
    const vxnet = await createVxnet(t)
    const onR1 = await addStatics(t, r1.router_id, [PORT_FORWARDING, { ...PORT_FORWARDING, val1: '81' }, { ...PPTP, vxnet_id: vxnet }])
    t.clock.advance(1000)
    const onR2 = await addStatics(t, r2.router_id, [{ static_type: 8, val1: 'node1', val2: '192.168.1.2' }])
    assert.deepEqual(ids(await describeStatics({ router: r1.router_id })), [...onR1].sort())
    assert.deepEqual(ids(await describeStatics({ router_statics: [onR1[0], onR2[0]] })), [onR1[0], onR2[0]].sort())
    assert.deepEqual(ids(await describeStatics({ router: r1.router_id, router_statics: [onR1[0], onR2[0]] })), [onR1[0]])
    assert.deepEqual(ids(await describeStatics({ router: r1.router_id, static_type: 1 })), [onR1[0], onR1[1]].sort())
    assert.deepEqual(ids(await describeStatics({ vxnet })), [onR1[2]])
    assert.deepEqual(ids(await describeStatics({ router: r2.router_id, static_type: 8 })), onR2)
    // every static of the caller in the zone without a router; oldest first
    const all = await describeStatics({ limit: 100 })
    assert.ok(all.total_count >= 4)
    assert.equal(all.router_static_set.at(-1).router_static_id, onR2[0])
    const first = await describeStatics({ router: r1.router_id, limit: 2 })
    const second = await describeStatics({ router: r1.router_id, limit: 2, offset: 2 })
    assert.deepEqual([first.total_count, first.router_static_set.length, second.total_count, second.router_static_set.length], [3, 2, 3, 1])
    assert.deepEqual([...ids(first), ...ids(second)].sort(), [...onR1].sort())
    // search_word: id or name
    await t.call('ModifyRouterStaticAttributes', { router_static: onR1[1], router_static_name: 'Web Front' })
    assert.deepEqual(ids(await describeStatics({ search_word: 'web fr' })), [onR1[1]])
    assert.deepEqual(ids(await describeStatics({ search_word: onR2[0]!.slice(2) })), onR2)
    // nothing in another zone, nothing for unknown ids or routers
    assert.equal((await describeStatics({ router: r1.router_id, zone: 'sh1a' })).total_count, 0)
    assert.equal((await describeStatics({ router_statics: ['rtrs-nonexist'] })).total_count, 0)
    assert.equal((await describeStatics({ router: 'rtr-nonexist' })).total_count, 0)
  })

  it('shows another user’s statics to nobody but an admin naming the owner', async () => {
    const theirs = await insertRouter(t, { owner: t.admin.user_id })
    const [id] = await addStatics(t, theirs.router_id, [PORT_FORWARDING], { key: t.admin })
    assert.deepEqual(ids(await describeStatics({ router_statics: [id] })), [])
    assert.deepEqual(ids(await describeStatics({ router_statics: [id], owner: t.admin.user_id })), [])
    const mine = await insertRouter(t)
    const [own] = await addStatics(t, mine.router_id, [PORT_FORWARDING])
    assert.deepEqual(ids(await describeStatics({ router_statics: [own], owner: t.user.user_id }, { key: t.admin })), [own])
    assert.deepEqual(ids(await describeStatics({ router_statics: [own] }, { key: t.admin })), [])
  })

  it('answers 1100 for bad filters', async () => {
    for (const [params, message] of [
      [{ static_type: 'vpn' }, 'parameter static_type should be integer'],
      [{ limit: 'x' }, 'parameter limit should be integer'],
      [{ offset: -1 }, 'parameter offset value -1 is out of range, minimum 0'],
    ] as const) {
      const reply = await t.call('DescribeRouterStatics', params)
      assert.deepEqual([reply.ret_code, reply.message], [1100, `InvalidRequestFormat, ${message}`])
    }
  })
})
