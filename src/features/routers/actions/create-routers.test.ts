// CreateRouters: pending + creating at once, active when the job settles; leased per router type
// (default prices: small 0.05, medium 0.10, large 0.20, extra-large 0.40 yuan an hour).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { balance, chargesOf, ledgerGap, leasesOf, payingUser } from '../../../../test/support/fixtures-billing.ts'
import { setQuotas } from '../../../../test/support/fixtures-quotas.ts'
import { createRouter, describeRouter, routerRow } from '../../../../test/support/fixtures-routers.ts'
import { createGroup, defaultGroup } from '../../../../test/support/fixtures-security-groups.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

describe('CreateRouters', () => {
  it('makes a pending router at once and an active one when the job settles, with the defaults', async () => {
    const reply = ok(await t.call('CreateRouters', { router_name: 'vpc', count: 1 }))
    assert.equal(reply.routers.length, 1)
    const [id] = reply.routers
    assert.match(id, /^rtr-[a-z0-9]{8}$/)
    assert.match(reply.job_id, /^j-/)
    const pending = await describeRouter(t, id)
    assert.deepEqual([pending.status, pending.transition_status], ['pending', 'creating'])
    await t.settle()
    const router = await describeRouter(t, id)
    const group = (await defaultGroup(t)).security_group_id
    assert.deepEqual(
      { ...router, create_time: undefined, status_time: undefined },
      {
        router_id: id,
        router_name: 'vpc',
        description: null,
        router_type: 1,
        vpc_network: '192.168.0.0/16',
        private_ip: '192.168.0.1',
        security_group_id: group,
        eip: { eip_id: '', eip_name: '', eip_addr: '' },
        is_applied: 1,
        features: 1,
        mode: 0,
        status: 'active',
        transition_status: '',
        create_time: undefined,
        status_time: undefined,
        sub_code: 0,
        tags: [],
        owner: t.user.user_id,
        zone_id: 'pek3a',
        vxnets: [],
      },
    )
    assert.match(router.create_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    const job = (await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0]
    assert.deepEqual([job.job_action, job.status, job.resource_ids], ['CreateRouters', 'successful', id])
  })

  it('makes `count` routers of the type, network and security group asked for; spaces only are no name', async () => {
    const group = await createGroup(t, 'edge')
    const reply = ok(await t.call('CreateRouters', { router_name: ' ', router_type: 2, vpc_network: '172.20.0.0/16', count: 2, security_group: group }))
    await t.settle()
    assert.equal(reply.routers.length, 2)
    for (const id of reply.routers) {
      const r = await describeRouter(t, id)
      assert.deepEqual([r.router_name, r.router_type, r.vpc_network, r.private_ip, r.security_group_id, r.status], ['', 2, '172.20.0.0/16', '172.20.0.1', group, 'active'])
    }
    for (const vpc_network of ['172.16.0.0/16', '172.31.0.0/16', '192.168.0.0/16']) assert.equal((await routerRow(t, await createRouter(t, { vpc_network }))).vpc_network, vpc_network)
  })

  it('leases each router at its type’s price and charges the first hour at once', async () => {
    const { user_id, key } = await payingUser(t, 10)
    const small = await createRouter(t, {}, { key })
    const large = await createRouter(t, { router_type: 3, router_name: 'big' }, { key })
    assert.equal(await balance(t, user_id), 100_000 - 500 - 4000)
    const [lease] = await leasesOf(t, large)
    assert.deepEqual([lease!.resource_type, lease!.resource_name, lease!.hourly_price, lease!.charge_mode, lease!.status], ['router', 'big', 4000, 'elastic', 'active'])
    assert.deepEqual(await chargesOf(t, small).then((c) => c.map(([, fee, remarks]) => [fee, remarks])), [[500, 'first hour, charged in advance']])
    const info = ok(await t.call('GetLeaseInfo', { resource: small }, { key }))
    assert.equal(info.lease_info.resource_id, small)
    assert.equal(await ledgerGap(t, user_id), 0)
  })

  it('answers 2400 when the balance does not cover the first hour, and creates nothing', async () => {
    const { user_id, key } = await payingUser(t, 0.09)
    const reply = await t.call('CreateRouters', { router_type: 0 }, { key })
    assert.equal(reply.ret_code, 2400)
    assert.match(reply.message, /^InsufficientBalance, balance 0\.09 does not cover 0\.10 for the first hour of 1 router/)
    assert.equal(await balance(t, user_id), 900)
    assert.equal((await t.store.db.selectFrom('routers').select('router_id').where('owner', '=', user_id).execute()).length, 0)
  })

  it('answers 2500 beyond the router quota; deleted routers no longer count', async () => {
    const { user_id, key } = await payingUser(t, 10)
    await setQuotas(t, { router: 2 }, { user: user_id })
    const first = await createRouter(t, {}, { key })
    const reply = await t.call('CreateRouters', { count: 2 }, { key })
    assert.deepEqual([reply.ret_code, reply.message], [2500, 'QuotasExceeded, you only have 1 router quota left currently'])
    ok(await t.call('DeleteRouters', { routers: [first] }, { key }))
    await t.settle()
    ok(await t.call('CreateRouters', { count: 2 }, { key }))
    await t.settle()
    const left = ok(await t.call('GetQuotaLeft', { resource_types: ['router'] }, { key })).quota_left_set
    assert.deepEqual(
      left.map((q: { resource_type: string; left: number }) => [q.resource_type, q.left]),
      [['router', 0]],
    )
  })

  it('answers 1100 naming the field for a bad vpc_network, router_type or count', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ vpc_network: '10.0.0.0/16' }, /^InvalidRequestFormat, parameter vpc_network \[10\.0\.0\.0\/16\] must be 192\.168\.0\.0\/16 or one of 172\.16\.0\.0\/16 to 172\.31\.0\.0\/16$/],
      [{ vpc_network: '172.32.0.0/16' }, /vpc_network \[172\.32\.0\.0\/16\]/],
      [{ vpc_network: '192.168.1.0/24' }, /vpc_network \[192\.168\.1\.0\/24\]/],
      [{ router_type: 4 }, /router_type/],
      [{ router_type: -1 }, /router_type/],
      [{ count: 0 }, /count/],
      [{ count: 11 }, /count/],
      [{ router_type: 'small' }, /router_type/],
    ]
    for (const [params, message] of cases) {
      const reply = await t.call('CreateRouters', params)
      assert.equal(reply.ret_code, 1100, JSON.stringify(params))
      assert.match(reply.message, message)
    }
  })

  it('answers 2100 for an unknown security group and 1400 for another user’s', async () => {
    const other = await payingUser(t, 1)
    const theirs = await createGroup(t, 'theirs', { key: other.key })
    const unknown = await t.call('CreateRouters', { security_group: 'sg-nothere1' })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [sg-nothere1] not found'])
    const foreign = await t.call('CreateRouters', { security_group: theirs })
    assert.deepEqual([foreign.ret_code, foreign.message], [1400, `PermissionDenied, resource [${theirs}] does not belong to you`])
  })

  it('refunds everything and ceases the router when the creating job fails', async () => {
    const { user_id, key } = await payingUser(t, 1)
    ok(await t.admin_call('ArmJobFault', { job_action: 'CreateRouters' }))
    const [id] = ok(await t.call('CreateRouters', {}, { key })).routers
    await t.settle()
    assert.deepEqual([(await routerRow(t, id)).status, (await routerRow(t, id)).transition_status], ['ceased', ''])
    assert.equal(await balance(t, user_id), 10_000)
    assert.equal((await leasesOf(t, id))[0]!.status, 'ended')
    assert.equal(ok(await t.call('DescribeRouters', {}, { key })).total_count, 0)
  })
})
