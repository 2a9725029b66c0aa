// Routers written straight to the store, for tests (statics, VPC vxnets) that need a router in a given
// state without running the router lifecycle actions; and the statics and entries as stored.
import assert from 'node:assert/strict'
import { formatTime } from '../../src/lib/clock.ts'
import type { RouterTable } from '../../src/store/database.ts'
import type { Key, TestApp } from './harness.ts'

let counter = 0

/** An active small router in pek3a owned by the test user, unless overridden (not written). */
export function routerRow(t: TestApp, overrides: Partial<RouterTable> = {}): RouterTable {
  const time = formatTime(t.clock.now())
  return {
    router_id: `rtr-fx${String(++counter).padStart(6, '0')}`,
    zone_id: 'pek3a',
    owner: t.user.user_id,
    router_name: 'fixture',
    description: null,
    router_type: 1,
    vpc_network: '192.168.0.0/16',
    private_ip: '10.140.0.2',
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

export const routerOf = (t: TestApp, id: string) => t.store.db.selectFrom('routers').selectAll().where('router_id', '=', id).executeTakeFirstOrThrow()

export const staticsOf = (t: TestApp, routerId: string) => t.store.db.selectFrom('router_statics').selectAll().where('router_id', '=', routerId).orderBy('router_static_id').execute()

export const entriesOf = (t: TestApp, staticId: string) => t.store.db.selectFrom('router_static_entries').selectAll().where('router_static_id', '=', staticId).orderBy('router_static_entry_id').execute()

/** AddRouterStatics with `statics` (wire fields), asserting success; the new static ids. */
export async function addStatics(t: TestApp, router: string, statics: Array<Record<string, unknown>>, options: { key?: Key } = {}): Promise<string[]> {
  const reply = await t.call('AddRouterStatics', { router, statics }, options.key ? { key: options.key } : {})
  assert.equal(reply.ret_code, 0, reply.message)
  return reply.router_statics as string[]
}

/** AddRouterStaticEntries with `entries`, asserting success; the new entry ids. */
export async function addEntries(t: TestApp, routerStatic: string, entries: Array<Record<string, unknown>>, options: { key?: Key } = {}): Promise<string[]> {
  const reply = await t.call('AddRouterStaticEntries', { router_static: routerStatic, entries }, options.key ? { key: options.key } : {})
  assert.equal(reply.ret_code, 0, reply.message)
  return reply.router_static_entries as string[]
}

/** A port forwarding rule's wire fields: 80 → 192.168.1.2:80. */
export const PORT_FORWARDING = { static_type: 1, val1: '80', val2: '192.168.1.2', val3: '80' }
/** A PPTP VPN static (entries are its accounts). */
export const PPTP = { static_type: 2, val1: 'pptp' }
