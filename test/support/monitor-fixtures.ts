// What every monitor test needs: lease history written straight to the store, and a decoder of
// QingCloud's compressed series written from the grammar (monitoring.md §2.1) and the Python SDK's
// behaviour (§3), not from the server's code, so a round trip proves the encoding.
import assert from 'node:assert/strict'
import { formatTime } from '../../src/lib/clock.ts'
import type { TestApp } from './harness.ts'

let counter = 0
const next = () => String(++counter).padStart(6, '0')

/** A lease period of `resource` from `from` to `to` (null: still open), as billing writes them. */
export async function insertLease(t: TestApp, resource: { id: string; type: string; owner: string; zone?: string }, from: Date, to: Date | null): Promise<void> {
  await t.store.db
    .insertInto('leases')
    .values({
      lease_id: `ct-mx${next()}`,
      resource_id: resource.id,
      resource_type: resource.type,
      resource_name: '',
      zone_id: resource.zone ?? 'pek3a',
      owner: resource.owner,
      charge_mode: 'elastic',
      months: 0,
      auto_renew: 0,
      hourly_price: 600,
      price: 600,
      status: to === null ? 'active' : 'ended',
      lease_time: formatTime(from),
      contract_time: formatTime(from),
      renewal_time: formatTime(new Date(from.getTime() + 3_600_000)),
      suspended_from: null,
      end_time: to === null ? null : formatTime(to),
    })
    .execute()
}

const STEPS: Record<string, number> = { '5m': 300, '15m': 900, '30m': 1800, '1h': 3600, '2h': 7200, '1d': 86400 }

/**
 * The series as [time, value] points, read by the grammar: element 0 is [t0, v]; "NA" is a bad
 * slot one step on (value null); [span, v] is a point `span` seconds on when v is a list for a
 * pair meter, or any two-element list for any other meter; anything else is the value one step on.
 * Refuses what the grammar does not allow (a first element that is not [t0, v], a "NA" inside a
 * list), so a malformed series fails the test instead of decoding to something.
 */
export function decode(data: readonly unknown[], step: string): Array<[number, unknown]> {
  const seconds = STEPS[step]
  assert.ok(seconds, `step ${step}`)
  if (data.length === 0) return []
  const [head, ...rest] = data
  assert.ok(Array.isArray(head) && head.length === 2 && Number.isInteger(head[0]), `first element ${JSON.stringify(head)} is [t0, v]`)
  const pairMeter = Array.isArray(head[1])
  const out: Array<[number, unknown]> = [[head[0] as number, head[1]]]
  let t = head[0] as number
  for (const e of rest) {
    assert.ok(!(Array.isArray(e) && JSON.stringify(e).includes('"NA"')), `"NA" inside a list: ${JSON.stringify(e)}`)
    if (e === 'NA') {
      t += seconds
      out.push([t, null])
    } else if (Array.isArray(e) && e.length === 2 && (!pairMeter || Array.isArray(e[1]))) {
      assert.ok(Number.isInteger(e[0]) && (e[0] as number) > 0, `offset ${JSON.stringify(e)}`)
      t += e[0] as number
      out.push([t, e[1]])
    } else {
      t += seconds
      out.push([t, e])
    }
  }
  return out
}

export const at = (text: string) => Math.floor(new Date(text).getTime() / 1000)
