import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { backendRow, insertBackend, insertListener, insertLoadBalancer, insertPolicy, loadBalancerOf } from '../../../../test/support/lb-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const modify = (loadbalancer_backend: string, params: Record<string, unknown>) => t.call('ModifyLoadBalancerBackendAttributes', { loadbalancer_backend, ...params })
const result = (reply: Record<string, unknown>) => [reply.ret_code, reply.message]

describe('ModifyLoadBalancerBackendAttributes', () => {
  it('changes port, weight, disabled, policy and name, keeps what is not given, and marks the load balancer not applied', async () => {
    const lb = await insertLoadBalancer(t)
    const backend = await insertBackend(t, await insertListener(t, lb), { loadbalancer_backend_name: 'node', weight: 3 })
    const policy = await insertPolicy(t)
    const reply = await modify(backend.loadbalancer_backend_id, { port: 9090, disabled: 1, loadbalancer_policy_id: policy })
    assert.deepEqual([reply.ret_code, reply.action], [0, 'ModifyLoadBalancerBackendAttributesResponse'])
    const row = (await backendRow(t, backend.loadbalancer_backend_id))!
    assert.deepEqual([row.port, row.weight, row.disabled, row.loadbalancer_policy_id, row.loadbalancer_backend_name, row.resource_id], [9090, 3, 1, policy, 'node', '10.0.0.1'])
    assert.equal((await loadBalancerOf(t, lb.loadbalancer_id)).is_applied, 0)
    const status = await t.call('DescribeLoadBalancerBackends', { loadbalancer_backends: [backend.loadbalancer_backend_id] })
    assert.equal(status.loadbalancer_backend_set[0].status, 'down')
    // terraform clears a name with " "; a policy clears the same way
    assert.equal((await modify(backend.loadbalancer_backend_id, { weight: 100, disabled: 0, loadbalancer_backend_name: ' ', loadbalancer_policy_id: ' ' })).ret_code, 0)
    const cleared = (await backendRow(t, backend.loadbalancer_backend_id))!
    assert.deepEqual([cleared.weight, cleared.disabled, cleared.loadbalancer_backend_name, cleared.loadbalancer_policy_id, cleared.port], [100, 0, '', '', 9090])
  })

  it('answers 1100 naming the field for bad values, 2110 for a port the resource already serves on the listener', async () => {
    const lb = await insertLoadBalancer(t)
    const listener = await insertListener(t, lb)
    const backend = await insertBackend(t, listener, { port: 80 })
    const sibling = await insertBackend(t, listener, { port: 81 })
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ port: 0 }, 'parameter port value 0 is out of range, minimum 1'],
      [{ port: 70000 }, 'parameter port value 70000 is out of range, maximum 65535'],
      [{ weight: 0 }, 'parameter weight value 0 is out of range, minimum 1'],
      [{ weight: 101 }, 'parameter weight value 101 is out of range, maximum 100'],
      [{ weight: 'heavy' }, 'parameter weight should be integer'],
      [{ disabled: 2 }, 'parameter disabled value 2 is out of range, maximum 1'],
      [{ loadbalancer_backend_name: 'x'.repeat(256) }, 'parameter loadbalancer_backend_name has an invalid length'],
    ]
    for (const [bad, message] of cases) assert.deepEqual(result(await modify(backend.loadbalancer_backend_id, { weight: 7, ...bad })), [1100, `InvalidRequestFormat, ${message}`], JSON.stringify(bad))
    assert.equal((await t.call('ModifyLoadBalancerBackendAttributes', { weight: 2 })).message, 'InvalidRequestFormat, missing parameter loadbalancer_backend')
    assert.deepEqual(result(await modify(backend.loadbalancer_backend_id, { port: 81 })), [
      2110,
      `ResourceAlreadyExisted, port: [10.0.0.1] port [81] is already a backend of listener [${listener.loadbalancer_listener_id}] (backend [${sibling.loadbalancer_backend_id}])`,
    ])
    // its own port again is no conflict
    assert.equal((await modify(backend.loadbalancer_backend_id, { port: 80 })).ret_code, 0)
    assert.deepEqual((await backendRow(t, backend.loadbalancer_backend_id))!.weight, 1)
  })

  it("answers 2100 for an unknown backend or policy, 1400 for another user's, or when the load balancer is deleted or busy", async () => {
    assert.deepEqual(result(await modify('lbb-nothere', { weight: 2 })), [2100, 'ResourceNotFound, resource [lbb-nothere] not found'])
    const theirs = await insertBackend(t, await insertListener(t, await insertLoadBalancer(t, { owner: t.admin.user_id })))
    assert.deepEqual(result(await modify(theirs.loadbalancer_backend_id, { weight: 2 })), [1400, `PermissionDenied, resource [${theirs.loadbalancer_backend_id}] does not belong to you`])
    const busyLb = await insertLoadBalancer(t, { transition_status: 'updating' })
    const busy = await insertBackend(t, await insertListener(t, busyLb))
    assert.deepEqual(result(await modify(busy.loadbalancer_backend_id, { weight: 2 })), [1400, `PermissionDenied, loadbalancer [${busyLb.loadbalancer_id}] is [updating], please try later`])
    const goneLb = await insertLoadBalancer(t, { status: 'deleted' })
    const gone = await insertBackend(t, await insertListener(t, goneLb))
    assert.deepEqual(result(await modify(gone.loadbalancer_backend_id, { weight: 2 })), [1400, `PermissionDenied, loadbalancer [${goneLb.loadbalancer_id}] has been deleted, its listeners and backends can not change`])
    const mine = await insertBackend(t, await insertListener(t, await insertLoadBalancer(t)))
    assert.deepEqual(result(await modify(mine.loadbalancer_backend_id, { loadbalancer_policy_id: 'lbp-nothere' })), [2100, 'ResourceNotFound, resource [lbp-nothere] not found'])
    const theirPolicy = await insertPolicy(t, { owner: t.admin.user_id })
    assert.deepEqual(result(await modify(mine.loadbalancer_backend_id, { loadbalancer_policy_id: theirPolicy })), [1400, `PermissionDenied, resource [${theirPolicy}] does not belong to you`])
    assert.deepEqual(await backendRow(t, mine.loadbalancer_backend_id), mine)
  })
})
