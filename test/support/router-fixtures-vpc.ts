// Router rows written straight to the store, for the vxnet side of VPCs (JoinRouter, LeaveRouter,
// DescribeRouterVxnets, DescribeVxnets' `router`) before CreateRouters exists on this branch.
import { formatTime } from '../../src/lib/clock.ts'
import type { RouterTable } from '../../src/store/database.ts'
import type { TestApp } from './harness.ts'

let counter = 0

/** An active small router of the test user in pek3a with VPC network 192.168.0.0/16, unless overridden (not written). */
export function routerRow(t: TestApp, overrides: Partial<RouterTable> = {}): RouterTable {
  const time = formatTime(t.clock.now())
  return {
    router_id: `rtr-vp${String(++counter).padStart(6, '0')}`,
    zone_id: 'pek3a',
    owner: t.user.user_id,
    router_name: 'fixture router',
    description: null,
    router_type: 1,
    vpc_network: '192.168.0.0/16',
    private_ip: '10.140.255.1',
    security_group_id: '',
    eip_id: '',
    is_applied: 1,
    features: 1,
    status: 'active',
    transition_status: '',
    create_time: time,
    status_time: time,
    ...overrides,
  }
}

/** routerRow(), written straight to the store. */
export async function insertRouter(t: TestApp, overrides: Partial<RouterTable> = {}): Promise<RouterTable> {
  const row = routerRow(t, overrides)
  await t.store.db.insertInto('routers').values(row).execute()
  return row
}
