// Money under concurrency, on both databases: 50 parallel RunInstances against a balance that
// pays for 10 create exactly 10, and the ticker racing creations, resizes and deletions of many
// users never answers 5000, never deadlocks, and leaves every user's books balanced.
import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { LINUX } from '../../../test/support/fixtures-instances.ts'
import { balance, ledgerGap, payingUser } from '../../../test/support/fixtures-billing.ts'

let t: TestApp
before(async () => (t = await startTestApp({ hosts: { hostsPerZone: 4, hostCpu: 256, hostMemory: 1_048_576 } })))
after(() => t.close())

it('50 parallel RunInstances against a balance that pays for 10 create exactly 10', async () => {
  const { user_id, key } = await payingUser(t, 0.7) // ten hours of c1m1
  const replies = await Promise.all(Array.from({ length: 50 }, () => t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key })))
  const codes = replies.map((r) => r.ret_code)
  assert.equal(codes.filter((c) => c === 0).length, 10, `ret_codes: ${codes.join(' ')}`)
  assert.equal(codes.filter((c) => c === 2400).length, 40, `ret_codes: ${codes.join(' ')}`)
  const instances = await t.store.db.selectFrom('instances').select('instance_id').where('owner', '=', user_id).execute()
  const leases = await t.store.db.selectFrom('leases').select('resource_id').where('owner', '=', user_id).execute()
  assert.equal(instances.length, 10)
  assert.deepEqual(leases.map((l) => l.resource_id).sort(), instances.map((i) => i.instance_id).sort())
  assert.equal(await balance(t, user_id), 0)
  assert.equal(await ledgerGap(t, user_id), 0)
})

it('the ticker racing creations, resizes and deletions of many users keeps every book balanced', async () => {
  const users = await Promise.all(Array.from({ length: 6 }, () => payingUser(t, 1)))
  const first = await Promise.all(users.map(({ key }) => t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', count: 2 }, { key })))
  for (const reply of first) assert.equal(reply.ret_code, 0, reply.message)
  await t.settle()
  const stops = await Promise.all(users.map(({ key }, i) => t.call('StopInstances', { instances: [first[i]!.instances[0]] }, { key })))
  for (const reply of stops) assert.equal(reply.ret_code, 0, reply.message)
  await t.settle()
  t.clock.advance(3 * 3_600_000)

  const work = users.flatMap(({ key }, i) => [
    t.call('TerminateInstances', { instances: [first[i]!.instances[1]] }, { key }),
    t.call('ResizeInstances', { instances: [first[i]!.instances[0]], instance_type: 'c1m2' }, { key }),
    t.call('RunInstances', { ...LINUX, instance_type: 'c1m1' }, { key }),
    t.call('CreateVolumes', { size: 20 }, { key }),
  ])
  const [replies] = await Promise.all([Promise.all(work), t.bill(), t.bill(), t.bill()])
  const codes = replies.map((r) => r.ret_code)
  // 2400 is a fair answer when the ticker took the money first; nothing else is
  assert.ok(
    codes.every((c) => c === 0 || c === 2400),
    `ret_codes: ${codes.join(' ')}`,
  )
  await t.settle()
  await t.bill()
  for (const { user_id } of users) assert.equal(await ledgerGap(t, user_id), 0, user_id)
  // each period of each lease was charged at most once
  const periods = await t.store.db
    .selectFrom('charge_records')
    .select(['lease_id', 'start_time'])
    .where((eb) => eb.or([eb('charge_key', 'like', '%:hour:%'), eb('charge_key', 'like', '%:month:%')]))
    .execute()
  assert.equal(new Set(periods.map((p) => `${p.lease_id} ${p.start_time}`)).size, periods.length)
})
