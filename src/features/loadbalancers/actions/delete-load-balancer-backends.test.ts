import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { backendRow, insertBackend, insertListener, insertLoadBalancer, loadBalancerOf } from '../../../../test/support/lb-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const remove = (ids: string[]) => t.call('DeleteLoadBalancerBackends', { loadbalancer_backends: ids })

describe('DeleteLoadBalancerBackends', () => {
  it('removes backends of several listeners and load balancers, answers their ids and marks the load balancers not applied', async () => {
    const [lb1, lb2] = [await insertLoadBalancer(t), await insertLoadBalancer(t)]
    const l1 = await insertListener(t, lb1)
    const [a, kept] = [await insertBackend(t, l1), await insertBackend(t, l1, { port: 9000 })]
    const b = await insertBackend(t, await insertListener(t, lb2))
    const reply = await remove([b.loadbalancer_backend_id, a.loadbalancer_backend_id])
    assert.deepEqual([reply.ret_code, reply.loadbalancer_backends], [0, [b.loadbalancer_backend_id, a.loadbalancer_backend_id]])
    assert.deepEqual([await backendRow(t, a.loadbalancer_backend_id), await backendRow(t, b.loadbalancer_backend_id), await backendRow(t, kept.loadbalancer_backend_id)], [undefined, undefined, kept])
    assert.deepEqual([(await loadBalancerOf(t, lb1.loadbalancer_id)).is_applied, (await loadBalancerOf(t, lb2.loadbalancer_id)).is_applied], [0, 0])
  })

  it("answers 2100 for an unknown backend, 1400 for another user's or a deleted load balancer's, 1100 for one listed twice, and deletes none", async () => {
    const lb = await insertLoadBalancer(t)
    const mine = await insertBackend(t, await insertListener(t, lb))
    const theirs = await insertBackend(t, await insertListener(t, await insertLoadBalancer(t, { owner: t.admin.user_id })))
    const goneLb = await insertLoadBalancer(t, { status: 'ceased' })
    const gone = await insertBackend(t, await insertListener(t, goneLb))
    const cases: Array<[string[], number, string]> = [
      [[mine.loadbalancer_backend_id, 'lbb-nothere'], 2100, 'ResourceNotFound, resource [lbb-nothere] not found'],
      [[mine.loadbalancer_backend_id, theirs.loadbalancer_backend_id], 1400, `PermissionDenied, resource [${theirs.loadbalancer_backend_id}] does not belong to you`],
      [[mine.loadbalancer_backend_id, gone.loadbalancer_backend_id], 1400, `PermissionDenied, loadbalancer [${goneLb.loadbalancer_id}] has been ceased, its listeners and backends can not change`],
      [[mine.loadbalancer_backend_id, mine.loadbalancer_backend_id], 1100, `InvalidRequestFormat, parameter loadbalancer_backends lists [${mine.loadbalancer_backend_id}] more than once`],
      [[], 1100, 'InvalidRequestFormat, missing parameter loadbalancer_backends'],
    ]
    for (const [ids, code, message] of cases) assert.deepEqual(await remove(ids).then((r) => [r.ret_code, r.message]), [code, message], ids.join())
    assert.deepEqual(await backendRow(t, mine.loadbalancer_backend_id), mine)
    assert.equal((await loadBalancerOf(t, lb.loadbalancer_id)).is_applied, 1)
  })
})
