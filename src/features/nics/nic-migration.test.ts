// Migration 0027: instances' interfaces written before NICs existed become in-use NICs of their
// instance's owner, in the order instance_nics listed them (create_time, then nic_id: sequence 0,
// 1, …), the first the primary.
import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { type Kysely, sql } from 'kysely'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { payingUser } from '../../../test/support/fixtures-billing.ts'
import { createVxnet } from '../../../test/support/fixtures-vxnets.ts'
import { countMismatches } from '../resources/resource-counts.ts'
import { resourceKinds } from '../../resource-kinds.ts'
import * as migration from '../../store/migrations/0027-nics.ts'
import { createNic } from '../../../test/support/fixtures-nics.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

it('turns existing interfaces into in-use NICs: owner, order, primary, status_time; and back', async () => {
  const user = await payingUser(t, 100)
  const [a, b] = [await createVxnet(t, { vxnet_type: 0 }, { key: user.key }), await createVxnet(t, { vxnet_type: 0 }, { key: user.key })]
  const reply = await t.call('RunInstances', { image_id: 'centos79x64', login_mode: 'passwd', login_passwd: 'Passw0rd123', instance_type: 'c1m1', vxnets: ['vxnet-0', a] }, { key: user.key })
  assert.equal(reply.ret_code, 0, reply.message)
  await t.settle()
  const [id] = reply.instances
  t.clock.advance(5000)
  assert.equal((await t.call('JoinVxnet', { vxnet: b, instances: [id] }, { key: user.key })).ret_code, 0)
  await t.settle()
  const detached = await createNic(t, a, { key: user.key })
  const db = t.store.db as unknown as Kysely<unknown>
  const before = await t.store.db.selectFrom('nics').selectAll().where('instance_id', '=', id).orderBy('sequence').execute()
  assert.deepEqual(
    before.map((n) => [n.vxnet_id, n.sequence, n.role]),
    [
      ['vxnet-0', 0, 1],
      [a, 1, 0],
      [b, 2, 0],
    ],
  )

  await migration.down(db)
  const old = (await sql<{ nic_id: string }>`select nic_id from instance_nics where instance_id = ${id}`.execute(db)).rows
  assert.equal(old.length, 3)
  // the detached NIC had no place in instance_nics
  assert.equal((await sql`select nic_id from instance_nics where nic_id = ${detached}`.execute(db)).rows.length, 0)
  await migration.up(db)

  const after = await t.store.db.selectFrom('nics').selectAll().where('instance_id', '=', id).orderBy('sequence').execute()
  const listed = [...before].sort((x, y) => (x.create_time === y.create_time ? (x.nic_id < y.nic_id ? -1 : 1) : x.create_time < y.create_time ? -1 : 1))
  assert.deepEqual(
    after.map((n) => [n.nic_id, n.vxnet_id, n.sequence, n.role, n.status, n.owner, n.nic_name, n.status_time === n.create_time]),
    listed.map((n, i) => [n.nic_id, n.vxnet_id, i, i === 0 ? 1 : 0, 'in-use', user.user_id, '', true]),
  )
  assert.equal(after.at(-1)!.vxnet_id, b)
  assert.deepEqual(await countMismatches(t.store.db, resourceKinds), [])
  // and DescribeInstances lists them in that order, the first the primary
  const vxnets = (await t.call('DescribeInstances', { instances: [id] }, { key: user.key })).instance_set[0].vxnets
  assert.deepEqual(
    vxnets.map((v: { nic_id: string; role: number }) => [v.nic_id, v.role]),
    listed.map((n, i) => [n.nic_id, i === 0 ? 1 : 0]),
  )
})
