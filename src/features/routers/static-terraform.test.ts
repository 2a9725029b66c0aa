// terraform's qingcloud_vpc_static (resource_qingcloud_vpc_static.go, reference §6) replayed as its
// Go SDK sends it: every call's wire keys as terraform builds them, and every field its Read
// dereferences checked present with the JSON type the SDK decodes (static_type int, val* strings).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { insertInstance } from '../../../test/support/fixtures.ts'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { insertRouter } from '../../../test/support/router-fixtures.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

/** The Go SDK always sends zone, and offset/limit defaults on Describe. */
const sdk = (action: string, params: Record<string, string>) => t.call(action, { zone: 'pek3a', ...params })

/** resourceQingcloudVpcStaticRead: the static by router and id; its fields as terraform reads them. */
async function read(router: string, id: string) {
  const reply = await sdk('DescribeRouterStatics', { router, 'router_statics.1': id, limit: '20', offset: '0' })
  assert.equal(reply.ret_code, 0, reply.message)
  assert.equal(typeof reply.total_count, 'number')
  if (reply.router_static_set.length === 0) return undefined
  const s = reply.router_static_set[0]
  assert.equal(typeof s.router_static_name, 'string')
  assert.ok(Number.isInteger(s.static_type), `static_type ${JSON.stringify(s.static_type)} is not an int`)
  for (const field of ['val1', 'val2', 'val3', 'val4', 'val5']) assert.equal(typeof s[field], 'string', `${field} is ${JSON.stringify(s[field])}`)
  assert.match(s.create_time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
  return { name: s.router_static_name, type: s.static_type, vals: [s.val1, s.val2, s.val3, s.val4, s.val5] }
}

describe('terraform qingcloud_vpc_static', () => {
  it('creates, reads, updates (clearing with a space) and deletes a port forwarding rule', async () => {
    const vpc = (await insertRouter(t)).router_id
    // Create: statics.1.router_id, the name, the type and only the non-empty vals
    const created = await sdk('AddRouterStatics', {
      router: vpc,
      'statics.1.router_id': vpc,
      'statics.1.router_static_name': 'ssh',
      'statics.1.static_type': '1',
      'statics.1.val1': '80',
      'statics.1.val2': '192.168.0.3',
      'statics.1.val3': '81',
    })
    assert.equal(created.ret_code, 0, created.message)
    const id = created.router_statics[0] as string
    assert.match(id, /^rtrs-[0-9a-z]{8}$/)
    // terraform's test: val4 reads back tcp although none was given
    assert.deepEqual(await read(vpc, id), { name: 'ssh', type: 1, vals: ['80', '192.168.0.3', '81', 'tcp', ''] })

    // Update: every field, plain val1–val5, " " for what is empty
    const updated = await sdk('ModifyRouterStaticAttributes', { router_static: id, router_static_name: ' ', val1: '8080', val2: '192.168.0.4', val3: '22', val4: 'udp', val5: ' ' })
    assert.deepEqual([updated.ret_code, updated.router_static_id], [0, id], updated.message)
    assert.deepEqual(await read(vpc, id), { name: '', type: 1, vals: ['8080', '192.168.0.4', '22', 'udp', ''] })
    const cleared = await sdk('ModifyRouterStaticAttributes', { router_static: id, router_static_name: 'web', val1: '8080', val2: '192.168.0.4', val3: '22', val4: ' ', val5: ' ' })
    assert.equal(cleared.ret_code, 0, cleared.message)
    assert.deepEqual(await read(vpc, id), { name: 'web', type: 1, vals: ['8080', '192.168.0.4', '22', 'tcp', ''] })

    // Delete, then Read finds nothing (an empty set means gone)
    const deleted = await sdk('DeleteRouterStatics', { 'router_statics.1': id })
    assert.deepEqual([deleted.ret_code, deleted.router_statics], [0, [id]], deleted.message)
    assert.equal(await read(vpc, id), undefined)
  })

  it('creates the other types terraform accepts and reads them back', async () => {
    const vpc = (await insertRouter(t)).router_id
    const instance = (await insertInstance(t)).instance_id
    const cases: Array<[Record<string, string>, unknown[]]> = [
      [{ 'statics.1.static_type': '2', 'statics.1.val1': 'openvpn', 'statics.1.val2': '1194', 'statics.1.val3': 'udp', 'statics.1.val4': '10.255.1.0/24' }, ['openvpn', '1194', 'udp', '10.255.1.0/24', '1']],
      [{ 'statics.1.static_type': '3', 'statics.1.val1': instance, 'statics.1.val2': 'domain-name-servers=8.8.8.8' }, [instance, 'domain-name-servers=8.8.8.8', '', '', '']],
      [{ 'statics.1.static_type': '4', 'statics.1.val1': 'gre|1.2.3.4|1' }, ['gre|1.2.3.4|1', '', '', '', '']],
      [{ 'statics.1.static_type': '6', 'statics.1.val1': '1.2.3.4|1|10.254.0.1|10.254.0.2', 'statics.1.val2': '172.20.0.0/16' }, ['1.2.3.4|1|10.254.0.1|10.254.0.2', '172.20.0.0/16', '', '', '']],
      [{ 'statics.1.static_type': '7', 'statics.1.val1': '1.2.3.4||secret|%any', 'statics.1.val2': '192.168.0.0/24', 'statics.1.val3': '172.21.0.0/16' }, ['1.2.3.4||secret|%any', '192.168.0.0/24', '172.21.0.0/16', 'main', '']],
      [{ 'statics.1.static_type': '8', 'statics.1.val1': 'node1', 'statics.1.val2': '192.168.0.5' }, ['node1', '192.168.0.5', '', '', '']],
    ]
    for (const [statics, vals] of cases) {
      const reply = await sdk('AddRouterStatics', { router: vpc, 'statics.1.router_id': vpc, ...statics })
      assert.equal(reply.ret_code, 0, reply.message)
      assert.deepEqual(await read(vpc, reply.router_statics[0]), { name: '', type: Number(statics['statics.1.static_type']), vals })
    }
  })
})
