// 50 parallel RunInstances against an instance quota of 10 create exactly 10, on both databases:
// the per-(user, zone) lock row makes each check count what the ones before it committed.
import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { LINUX } from '../../../test/support/fixtures-instances.ts'
import { setQuotas } from '../../../test/support/fixtures-quotas.ts'

let t: TestApp
before(async () => (t = await startTestApp({ hosts: { hostsPerZone: 4, hostCpu: 64, hostMemory: 262144 } })))
after(() => t.close())

it('50 parallel RunInstances against an instance quota of 10 create exactly 10', async () => {
  await setQuotas(t, { instance: 10 })
  const replies = await Promise.all(Array.from({ length: 50 }, () => t.call('RunInstances', { ...LINUX, instance_type: 'c1m1', count: 1 })))
  const codes = replies.map((r) => r.ret_code)
  assert.equal(codes.filter((c) => c === 0).length, 10, `ret_codes: ${codes.join(' ')}`)
  assert.equal(codes.filter((c) => c === 2500).length, 40, `ret_codes: ${codes.join(' ')}`)
  const made = await t.store.db
    .selectFrom('instances')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('owner', '=', t.user.user_id)
    .where('zone_id', '=', 'pek3a')
    .executeTakeFirstOrThrow()
  assert.equal(Number(made.n), 10)
})
