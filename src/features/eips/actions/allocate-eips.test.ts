// AllocateEips: addresses from the zone's pool, available at once, billed from allocation.
// The default price is 0.04 yuan (400 minor units) per Mbps-hour.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { balance, chargesOf, leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { allocate, allocateOne, poolHolders } from '../../../../test/support/fixtures-eips.ts'
import { setQuotas } from '../../../../test/support/fixtures-quotas.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('AllocateEips', () => {
  it('hands out the lowest free addresses as available EIPs with the Go SDK’s defaults', async () => {
    const reply = ok(await t.call('AllocateEips', { bandwidth: 5, billing_mode: 'bandwidth', count: 2, need_icp: 0, eip_name: 'web' }))
    assert.equal(reply.eips.length, 2)
    for (const id of reply.eips) assert.match(id, /^eip-[a-z0-9]{8}$/)
    assert.equal(reply.job_id, undefined, 'allocation is synchronous')
    const { eip_set } = ok(await t.call('DescribeEips', { eips: reply.eips }))
    const byId = new Map(eip_set.map((e: { eip_id: string }) => [e.eip_id, e]))
    const first = byId.get(reply.eips[0]) as Record<string, unknown>
    assert.equal(first.eip_addr, '198.18.0.1')
    assert.equal((byId.get(reply.eips[1]) as Record<string, unknown>).eip_addr, '198.18.0.2')
    assert.deepEqual(
      { ...first, create_time: undefined, status_time: undefined },
      {
        eip_id: reply.eips[0],
        eip_name: 'web',
        eip_addr: '198.18.0.1',
        description: null,
        status: 'available',
        transition_status: '',
        bandwidth: 5,
        billing_mode: 'bandwidth',
        associate_mode: 0,
        need_icp: 0,
        icp_codes: '',
        eip_group: { eip_group_id: 'eipg-00000000', eip_group_name: 'BGP multi-line' },
        resource: { resource_id: '', resource_name: '', resource_type: '' },
        create_time: undefined,
        status_time: undefined,
        sub_code: 0,
        tags: [],
        owner: t.user.user_id,
        zone_id: 'pek3a',
      },
    )
    assert.equal((await poolHolders(t)).get('198.18.0.1'), reply.eips[0])
  })

  it('takes addresses from each zone’s own block, and keeps traffic billing and internal mode as asked', async () => {
    const id = await allocateOne(t, { billing_mode: 'traffic', associate_mode: 1, need_icp: 1 }, {})
    const other = ok(await t.call('AllocateEips', { bandwidth: 1, zone: 'sh1a' })).eips[0]
    const [item] = ok(await t.call('DescribeEips', { eips: [id] })).eip_set
    assert.deepEqual([item.billing_mode, item.associate_mode, item.need_icp], ['traffic', 1, 1])
    const [far] = ok(await t.call('DescribeEips', { eips: [other], zone: 'sh1a' })).eip_set
    assert.equal(far.eip_addr, '198.18.1.1')
  })

  it('opens a lease and charges the first hour at once: 3 Mbps × 0.04 = 0.12 yuan', async () => {
    const { user_id, key } = await payingUser(t, 10)
    const id = await allocateOne(t, { bandwidth: 3, eip_name: 'paid' }, { key })
    assert.equal(await balance(t, user_id), 100_000 - 1200)
    const [lease] = await leasesOf(t, id)
    assert.deepEqual([lease!.resource_type, lease!.resource_name, lease!.hourly_price, lease!.charge_mode, lease!.status], ['eip', 'paid', 1200, 'elastic', 'active'])
    assert.deepEqual(
      (await chargesOf(t, id)).map(([, fee, remarks]) => [fee, remarks]),
      [[1200, 'first hour, charged in advance']],
    )
  })

  it('answers 2400 when the balance does not cover the first hour, and creates nothing', async () => {
    const { user_id, key } = await payingUser(t, 0.1)
    const before = await poolHolders(t)
    const reply = await t.call('AllocateEips', { bandwidth: 3 }, { key })
    assert.equal(reply.ret_code, 2400)
    assert.match(reply.message, /^InsufficientBalance, balance 0\.10 does not cover 0\.12/)
    assert.equal(await balance(t, user_id), 1000)
    assert.deepEqual(await poolHolders(t), before)
    assert.equal((await t.store.db.selectFrom('eips').select('eip_id').where('owner', '=', user_id).execute()).length, 0)
  })

  it('answers 2500 beyond the eip quota', async () => {
    const { user_id, key } = await payingUser(t, 10)
    await setQuotas(t, { eip: 2 }, { user: user_id })
    await allocate(t, {}, { key })
    const reply = await t.call('AllocateEips', { bandwidth: 1, count: 2 }, { key })
    assert.deepEqual([reply.ret_code, reply.message], [2500, 'QuotasExceeded, you only have 1 eip quota left currently'])
    assert.equal(await balance(t, user_id), 100_000 - 400)
  })

  it('answers 1100 for a missing or out-of-range bandwidth, count, billing_mode or associate_mode', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{}, /bandwidth/],
      [{ bandwidth: 0 }, /bandwidth/],
      [{ bandwidth: 1001 }, /bandwidth/],
      [{ bandwidth: 1, count: 0 }, /count/],
      [{ bandwidth: 1, count: 101 }, /count/],
      [{ bandwidth: 1, billing_mode: 'flat' }, /billing_mode/],
      [{ bandwidth: 1, associate_mode: 2 }, /associate_mode/],
      [{ bandwidth: 1, need_icp: 2 }, /need_icp/],
    ]
    for (const [params, message] of cases) {
      const reply = await t.call('AllocateEips', params)
      assert.equal(reply.ret_code, 1100, JSON.stringify(params))
      assert.match(reply.message, /^InvalidRequestFormat, /)
      assert.match(reply.message, message)
    }
  })

  it('answers 2200 for a charge mode it cannot lease', async () => {
    const reply = await t.call('AllocateEips', { bandwidth: 1, charge_mode: 'yearly' })
    assert.deepEqual([reply.ret_code, reply.message], [2200, 'LeaseFailed, charge_mode [yearly] is not supported, use elastic or monthly'])
  })
})

describe('AllocateEips from a small pool', () => {
  let small: TestApp
  before(async () => (small = await startTestApp({ eipPoolSize: 5 })))
  after(() => small.close())

  it('hands out each address once to 20 allocations in parallel; the rest answer 5200', async () => {
    const users = await Promise.all(Array.from({ length: 4 }, () => payingUser(small, 10)))
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => small.call('AllocateEips', { bandwidth: 1 }, { key: users[i % 4]!.key })))
    const granted = replies.filter((r) => r.ret_code === 0)
    assert.equal(granted.length, 5)
    for (const r of replies.filter((r) => r.ret_code !== 0)) {
      assert.deepEqual([r.ret_code, r.message], [5200, 'InsufficientResources, the EIP pool of zone [pek3a] has [0] free addresses, not enough for [1] EIPs, release some or try later'])
    }
    const holders = await poolHolders(small)
    assert.deepEqual([...holders.keys()].sort(), ['198.18.0.1', '198.18.0.2', '198.18.0.3', '198.18.0.4', '198.18.0.5'])
    assert.deepEqual(new Set(holders.values()), new Set(granted.map((r) => r.eips[0])))
    const addrs = await small.store.db.selectFrom('eips').select('eip_addr').execute()
    assert.equal(new Set(addrs.map((a) => a.eip_addr)).size, 5)
  })

  it('answers 5200 with the pool exhausted and creates or charges nothing', async () => {
    const { user_id, key } = await payingUser(small, 10)
    const reply = await small.call('AllocateEips', { bandwidth: 2, count: 1 }, { key })
    assert.deepEqual([reply.ret_code, reply.message], [5200, 'InsufficientResources, the EIP pool of zone [pek3a] has [0] free addresses, not enough for [1] EIPs, release some or try later'])
    assert.equal(await balance(small, user_id), 100_000)
    assert.equal((await small.store.db.selectFrom('eips').select('eip_id').where('owner', '=', user_id).execute()).length, 0)
    assert.equal((await small.store.db.selectFrom('leases').select('lease_id').where('owner', '=', user_id).execute()).length, 0)
  })
})
