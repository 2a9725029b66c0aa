// ArmFault: the next N calls of an action answer the armed code with a message saying it is
// scripted, then the fault is gone; with fault_access_key only that key's calls are hit, before any
// fault armed for everybody. The count is taken atomically: two apps on one store (two processes
// on PostgreSQL) calling at once use exactly N. Bad codes, counts and names are 1100, an unknown
// key 2100, non-admins 1400.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import { LINUX } from '../../../../test/support/fixtures-instances.ts'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())
afterEach(async () => void ok(await t.admin_call('DisarmFaults')))

const arm = async (params: Record<string, unknown>) => ok(await t.admin_call('ArmFault', params)).fault_id as string
const armed = async () => ok(await t.admin_call('DescribeFaults')).fault_set

describe('ArmFault', () => {
  it('answers the armed code exactly count times, then is gone', async () => {
    const id = await arm({ fault_action: 'DescribeZones', ret_code: 5100, count: 2 })
    assert.match(id, /^flt-[0-9a-z]{8}$/)
    assert.deepEqual(await armed(), [{ fault_id: id, kind: 'reply', fault_action: 'DescribeZones', fault_access_key: '', ret_code: 5100, remaining: 2, create_time: '2026-01-15T08:00:00Z' }])

    assert.deepEqual(await t.call('DescribeZones'), { ret_code: 5100, message: `ServerBusy, scripted fault [${id}] armed by an administrator for this call of DescribeZones, 1 more to come` })
    assert.equal((await armed())[0].remaining, 1)
    // other actions are not hit
    ok(await t.call('DescribeJobs'))
    assert.deepEqual(await t.call('DescribeZones'), { ret_code: 5100, message: `ServerBusy, scripted fault [${id}] armed by an administrator for this call of DescribeZones, it is now used up` })
    assert.deepEqual(await armed(), [])
    assert.equal(ok(await t.call('DescribeZones')).total_count, 2)
  })

  it('hits a mutating call before its parameters are read, and it changes nothing', async () => {
    const id = await arm({ fault_action: 'RunInstances', ret_code: 5500 })
    assert.deepEqual(await t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }), {
      ret_code: 5500,
      message: `WarehouseNotEnabled, scripted fault [${id}] armed by an administrator for this call of RunInstances, it is now used up`,
    })
    assert.equal(ok(await t.call('DescribeInstances')).total_count, 0)
    assert.equal((await t.call('RunInstances', {})).ret_code, 1100)
  })

  it('with fault_access_key hits only that key, before a fault armed for everybody', async () => {
    const forAdmin = await arm({ fault_action: 'DescribeZones', ret_code: 5500, fault_access_key: t.admin.access_key_id })
    ok(await t.call('DescribeZones'))
    const other = await t.call('DescribeZones', {}, { key: t.admin })
    assert.deepEqual(other, { ret_code: 5500, message: `WarehouseNotEnabled, scripted fault [${forAdmin}] armed by an administrator for this call of DescribeZones, it is now used up` })
    ok(await t.call('DescribeZones', {}, { key: t.admin }))

    const everybody = await arm({ fault_action: 'DescribeZones', ret_code: 5100 })
    const mine = await arm({ fault_action: 'DescribeZones', ret_code: 5500, fault_access_key: t.user.access_key_id })
    assert.equal((await t.call('DescribeZones')).message, `WarehouseNotEnabled, scripted fault [${mine}] armed by an administrator for this call of DescribeZones, it is now used up`)
    assert.equal((await t.call('DescribeZones')).message, `ServerBusy, scripted fault [${everybody}] armed by an administrator for this call of DescribeZones, it is now used up`)
    ok(await t.call('DescribeZones'))
  })

  it('hits every module: /account/ and /admin/ actions too', async () => {
    const login = await arm({ fault_action: 'Login', ret_code: 5100 })
    const { body } = await t.account('Login', { email: 'nobody@example.com', password: 'whatever 12' })
    assert.deepEqual(body, { ret_code: 5100, message: `ServerBusy, scripted fault [${login}] armed by an administrator for this call of Login, it is now used up` })
    const users = await arm({ fault_action: 'DescribeUsers', ret_code: 5000 })
    assert.deepEqual(await t.admin_call('DescribeUsers'), { ret_code: 5000, message: `InternalError, scripted fault [${users}] armed by an administrator for this call of DescribeUsers, it is now used up` })
    ok(await t.admin_call('DescribeUsers'))
  })

  it('is used exactly count times by two apps on one store calling at once', async () => {
    const second = await startTestApp({ store: t.store, box: t.box, idSeed: 7 })
    try {
      const id = await arm({ fault_action: 'DescribeZones', ret_code: 5100, count: 5 })
      const replies = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? second : t).call('DescribeZones')))
      assert.deepEqual(replies.map((r) => r.ret_code).sort(), [...Array(11).fill(0), ...Array(5).fill(5100)])
      assert.equal(replies.filter((r) => r.message?.startsWith(`ServerBusy, scripted fault [${id}]`)).length, 5)
      assert.deepEqual(await armed(), [])
    } finally {
      await second.app.close()
    }
  })

  it('refuses codes outside the catalogue, bad counts and names (1100), unknown keys (2100), non-admins (1400)', async () => {
    const codes =
      '1100, 1101, 1200, 1300, 1400, 1500, 1510, 1520, 1600, 1610, 1620, 1630, 1640, 1650, 1660, 1661, 1662, 2000, 2100, 2110, 2200, 2300, 2400, 2500, 3300, 4000, 4001, 4002, 4003, 4004, 4005, 5000, 5100, 5200, 5300, 5400, 5500, 5600, 8000, 8001, 8002, 8003, 8004'
    for (const ret_code of [0, 1234, -1]) {
      assert.deepEqual(await t.admin_call('ArmFault', { fault_action: 'DescribeZones', ret_code }), {
        ret_code: 1100,
        message: `InvalidRequestFormat, parameter ret_code [${ret_code}] is not an error code of the catalogue, use one of ${codes}`,
      })
    }
    assert.deepEqual(await t.admin_call('ArmFault', { fault_action: 'DescribeZones', ret_code: 5100, count: 0 }), { ret_code: 1100, message: 'InvalidRequestFormat, parameter count value 0 is out of range, minimum 1' })
    assert.deepEqual(await t.admin_call('ArmFault', { fault_action: 'DescribeZones', ret_code: 5100, count: 1001 }), { ret_code: 1100, message: 'InvalidRequestFormat, parameter count value 1001 is out of range, maximum 1000' })
    assert.deepEqual(await t.admin_call('ArmFault', { fault_action: 'describe_zones', ret_code: 5100 }), { ret_code: 1100, message: "InvalidRequestFormat, parameter fault_action's format is illegal" })
    assert.deepEqual(await t.admin_call('ArmFault', { ret_code: 5100 }), { ret_code: 1100, message: 'InvalidRequestFormat, missing parameter fault_action' })
    assert.deepEqual(await t.admin_call('ArmFault', { fault_action: 'DisarmFaults', ret_code: 5100 }), {
      ret_code: 1100,
      message: 'InvalidRequestFormat, parameter fault_action [DisarmFaults] cannot be armed, the fault actions must stay usable to disarm faults',
    })
    assert.deepEqual(await t.admin_call('ArmFault', { fault_action: 'DescribeZones', ret_code: 5100, fault_access_key: 'NOSUCHKEYNOSUCHKEYAA' }), { ret_code: 2100, message: 'ResourceNotFound, access key [NOSUCHKEYNOSUCHKEYAA] not found' })
    assert.equal((await t.admin_call('ArmFault', { fault_action: 'DescribeZones', ret_code: 5100 }, { key: t.user })).ret_code, 1400)
    assert.deepEqual(await armed(), [])
    ok(await t.call('DescribeZones'))
  })
})
