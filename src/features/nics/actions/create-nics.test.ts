// CreateNics: addresses explicit or allocated from the vxnet's network, collisions 2110, a full
// network 5200, self-managed networks without addresses, and bad input 1100 naming the parameter.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { payingUser } from '../../../../test/support/fixtures-billing.ts'
import { LINUX, launchOne } from '../../../../test/support/fixtures-instances.ts'
import { createNics, describeNic } from '../../../../test/support/fixtures-nics.ts'
import { createVxnet, prefixOf } from '../../../../test/support/fixtures-vxnets.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const MAC = /^52:54:[0-9a-f]{2}(:[0-9a-f]{2}){3}$/

describe('CreateNics', () => {
  it('creates available NICs with MAC ids, the lowest free addresses, and answers nics without a job', async () => {
    const vx = await createVxnet(t)
    const p = await prefixOf(t, vx)
    const reply = await t.call('CreateNics', { vxnet: vx, nic_name: 'extra', count: 2 })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.deepEqual(Object.keys(reply).sort(), ['action', 'nics', 'ret_code'])
    assert.equal(reply.action, 'CreateNicsResponse')
    assert.deepEqual(
      reply.nics.map((n: { private_ip: string }) => n.private_ip),
      [`${p}2`, `${p}3`],
    )
    for (const n of reply.nics) assert.match(n.nic_id, MAC)
    const nic = await describeNic(t, reply.nics[0].nic_id)
    assert.deepEqual([nic.nic_name, nic.status, nic.instance_id, nic.vxnet_id, nic.sequence, nic.role, nic.owner, nic.security_group], ['extra', 'available', '', vx, 0, 0, t.user.user_id, ''])
    assert.match(nic.create_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    // an instance joining later skips the NICs' addresses
    const id = await launchOne(t, 'running', { vxnets: [vx] })
    const vxnets = (await t.call('DescribeInstances', { instances: [id] })).instance_set[0].vxnets
    assert.equal(vxnets[0].private_ip, `${p}4`)
  })

  it('takes private_ips.N in order and allocates the rest; one NIC per address at least (the SDKs send count=1), else 1', async () => {
    const vx = await createVxnet(t)
    const p = await prefixOf(t, vx)
    const nics = await createNics(t, { vxnet: vx, count: 3, private_ips: [`${p}10`, `${p}2`] })
    assert.deepEqual(
      nics.map((n) => n.private_ip),
      [`${p}10`, `${p}2`, `${p}3`],
    )
    for (const count of [undefined, 1]) {
      const ips = [`${p}2${count ?? 0}`, `${p}3${count ?? 0}`]
      assert.deepEqual(
        (await createNics(t, { vxnet: vx, private_ips: ips, ...(count && { count }) })).map((n) => n.private_ip),
        ips,
      )
    }
    assert.equal((await createNics(t, { vxnet: vx })).length, 1)
  })

  it('answers 2110 for an address another NIC or an instance holds, and creates nothing', async () => {
    const vx = await createVxnet(t)
    const p = await prefixOf(t, vx)
    await createNics(t, { vxnet: vx, private_ips: [`${p}7`] })
    await launchOne(t, 'running', { vxnets: [`${vx}|${p}8`] })
    for (const ip of [`${p}7`, `${p}8`]) {
      const reply = await t.call('CreateNics', { vxnet: vx, count: 2, private_ips: [`${p}30`, ip] })
      assert.deepEqual([reply.ret_code, reply.message], [2110, `ResourceAlreadyExisted, address [${ip}] is already used in vxnet [${vx}]`])
    }
    assert.equal((await t.call('DescribeNics', { vxnets: [vx] })).total_count, 2)
  })

  it('hands out distinct addresses to parallel requests (CreateNics, RunInstances, ModifyNicAttributes) in one network', async () => {
    const vx = await createVxnet(t)
    const p = await prefixOf(t, vx)
    const [moving] = await createNics(t, { vxnet: vx, private_ips: [`${p}200`] })
    const replies = await Promise.all([
      ...Array.from({ length: 6 }, () => t.call('CreateNics', { vxnet: vx, count: 2 })),
      ...[1, 2].map(() => t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', vxnets: [vx] })),
      t.call('ModifyNicAttributes', { nic: moving!.nic_id, private_ip: `${p}2` }),
    ])
    await t.settle()
    const done = replies.filter((r) => r.ret_code === 0)
    // a request may lose a race on the unique index (5100, retryable), never with a 5000 or a duplicate
    for (const r of replies) assert.ok([0, 2110, 5100].includes(r.ret_code), JSON.stringify(r))
    assert.ok(done.length >= 6)
    const all = (await t.call('DescribeNics', { vxnets: [vx], limit: 100 })).nic_set.map((n: { private_ip: string }) => n.private_ip)
    assert.equal(all.length, 1 + 2 * done.filter((r) => r.action === 'CreateNicsResponse').length + done.filter((r) => r.action === 'RunInstancesResponse').length)
    assert.equal(new Set(all).size, all.length)
  })

  it('answers 5200 when the network has no free address left', async () => {
    const vx = await createVxnet(t)
    ok(await t.call('CreateNics', { vxnet: vx, count: 252 }))
    const reply = await t.call('CreateNics', { vxnet: vx, count: 2 })
    assert.deepEqual([reply.ret_code, reply.message], [5200, `InsufficientResources, vxnet [${vx}] has no free address left (${await prefixOf(t, vx)}0/24)`])
    ok(await t.call('CreateNics', { vxnet: vx }))
    assert.equal((await t.call('CreateNics', { vxnet: vx })).ret_code, 5200)
  })

  it('gives NICs of a self-managed vxnet no address, of vxnet-0 a base address, and none with disable_ip=1', async () => {
    const self = await createVxnet(t, { vxnet_type: 0 })
    assert.deepEqual(
      (await createNics(t, { vxnet: self, count: 2 })).map((n) => n.private_ip),
      ['', ''],
    )
    const asked = await t.call('CreateNics', { vxnet: self, private_ips: ['10.0.0.5'] })
    assert.deepEqual([asked.ret_code, asked.message], [1100, `InvalidRequestFormat, vxnet [${self}] is self-managed and hands out no addresses, [10.0.0.5] can not be asked for`])
    const [base] = await createNics(t, { vxnet: 'vxnet-0' })
    assert.match(base!.private_ip, /^10\.140\.\d+\.\d+$/)
    const vx = await createVxnet(t)
    assert.deepEqual(await createNics(t, { vxnet: vx, disable_ip: 1 }).then((n) => n.map((x) => x.private_ip)), [''])
  })

  it('refuses unknown (2100) and other users’ (1400) vxnets', async () => {
    const theirs = await createVxnet(t, {}, { key: (await payingUser(t, 0)).key })
    const cases: Array<[string, number, string]> = [
      ['vxnet-nothere', 2100, 'ResourceNotFound, resource [vxnet-nothere] not found'],
      [theirs, 1400, `PermissionDenied, resource [${theirs}] does not belong to you`],
    ]
    for (const [vxnet, code, message] of cases) {
      const reply = await t.call('CreateNics', { vxnet })
      assert.deepEqual([reply.ret_code, reply.message], [code, message])
    }
  })

  it('answers 1100 naming the parameter for bad input', async () => {
    const vx = await createVxnet(t)
    const p = await prefixOf(t, vx)
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, 'InvalidRequestFormat, missing parameter vxnet'],
      [{ vxnet: vx, count: 0 }, 'count'],
      [{ vxnet: vx, count: 253 }, 'count'],
      [{ vxnet: vx, count: 'two' }, 'count'],
      [{ vxnet: vx, private_ips: ['300.1.1.1'] }, 'InvalidRequestFormat, parameter private_ips.1 value [300.1.1.1] is not an IPv4 address'],
      [{ vxnet: vx, private_ips: [`${p}5`, `${p}5`] }, `InvalidRequestFormat, parameter private_ips lists [${p}5] more than once`],
      [{ vxnet: vx, private_ips: Array.from({ length: 253 }, (_, i) => `10.${i}.0.1`) }, 'InvalidRequestFormat, parameter private_ips lists 253 addresses, at most 252 NICs are created at once'],
      [{ vxnet: vx, private_ips: ['10.9.9.9'] }, `InvalidRequestFormat, address [10.9.9.9] is not in vxnet [${vx}], whose addresses are ${p}2 to ${p}254 (${p}0/24)`],
      [{ vxnet: vx, disable_ip: 1, private_ips: [`${p}5`] }, 'InvalidRequestFormat, parameter private_ips can not be given with disable_ip=1'],
      [{ vxnet: `${vx}|${p}5` }, 'ResourceNotFound'],
    ]
    for (const [params, message] of cases) {
      const reply = await t.call('CreateNics', params)
      if (message === 'ResourceNotFound') assert.equal(reply.ret_code, 2100, JSON.stringify(params))
      else {
        assert.equal(reply.ret_code, 1100, JSON.stringify(params))
        if (message.startsWith('InvalidRequestFormat')) assert.equal(reply.message, message)
        else assert.match(reply.message, new RegExp(message))
      }
    }
    assert.equal((await t.call('DescribeNics', { vxnets: [vx] })).total_count, 0)
  })
})

describe('CreateNics MAC addresses', () => {
  it('draws again when a drawn MAC address is already a NIC’s (repeatable ids: the same draw in a second app)', async () => {
    const first = await startTestApp({ idSeed: 1717 })
    let taken: string
    try {
      const vx = await createVxnet(first)
      taken = (await createNics(first, { vxnet: vx }))[0]!.nic_id
    } finally {
      await first.close()
    }
    const second = await startTestApp({ idSeed: 1717 })
    try {
      const vx = await createVxnet(second)
      const row = {
        owner: second.user.user_id,
        zone_id: 'pek3a',
        vxnet_id: vx,
        nic_name: 'squatter',
        private_ip: '',
        status: 'available',
        transition_status: '',
        instance_id: '',
        sequence: 0,
        role: 0,
        standalone: 1,
        status_time: '2026-01-15T08:00:00Z',
        create_time: '2026-01-15T08:00:00Z',
      }
      await second.store.db
        .insertInto('nics')
        .values({ nic_id: taken, ...row })
        .execute()
      const [nic] = await createNics(second, { vxnet: vx })
      assert.notEqual(nic!.nic_id, taken)
      assert.match(nic!.nic_id, MAC)
    } finally {
      await second.close()
    }
  })
})
