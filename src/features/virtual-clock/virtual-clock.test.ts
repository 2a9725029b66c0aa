// VirtualClock on its own: the time it shows from a state, when it reads the state again (only when
// the epoch moved or is unknown; one shared read per epoch), and that a read that began earlier
// never overwrites one that began later (PostgreSQL reads may finish out of order).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ManualClock } from '../../lib/clock.ts'
import { CacheEpoch } from '../../store/cache-epoch.ts'
import type { ClockState } from './clock-state.ts'
import { VirtualClock } from './virtual-clock.ts'

const START = '2026-01-15T08:00:00.000Z'
const HOUR = 3_600_000

/** A clock over a manual base and a hand-set epoch, whose state reads the test answers one by one. */
function rig(initialEpoch: number | undefined) {
  let epochValue: number | undefined = initialEpoch
  const epoch = new CacheEpoch(() => epochValue)
  epoch.refresh()
  const base = new ManualClock(START)
  const pending: Array<(state: ClockState) => void> = []
  const clock = new VirtualClock({ base, epoch, read: () => new Promise((resolve) => pending.push(resolve)) })
  return {
    clock,
    base,
    pending,
    moveEpoch(next: number | undefined) {
      epochValue = next
      epoch.refresh()
    },
  }
}

describe('VirtualClock', () => {
  it('shows the base clock plus the offset while running, and the frozen instant while frozen', async () => {
    const r = rig(1)
    const syncing = r.clock.sync()
    r.pending.shift()!({ offsetMs: 2 * HOUR, frozenAtMs: null })
    await syncing
    assert.equal(r.clock.now().toISOString(), '2026-01-15T10:00:00.000Z')
    r.base.advance(HOUR)
    assert.equal(r.clock.now().toISOString(), '2026-01-15T11:00:00.000Z')
    assert.deepEqual(r.clock.view(), { now: new Date('2026-01-15T11:00:00.000Z'), baseNow: new Date('2026-01-15T09:00:00.000Z'), offsetSeconds: 7200, frozen: false })

    r.moveEpoch(2)
    const again = r.clock.sync()
    r.pending.shift()!({ offsetMs: 0, frozenAtMs: Date.parse('2027-01-01T00:00:00Z') })
    await again
    r.base.advance(HOUR)
    assert.equal(r.clock.now().toISOString(), '2027-01-01T00:00:00.000Z')
    assert.equal(r.clock.view().frozen, true)
  })

  it('reads the state once per epoch: a plain value while it stands, one shared read when it moves', async () => {
    const r = rig(1)
    const first = r.clock.sync()
    assert.ok(first instanceof Promise)
    assert.equal(r.clock.sync(), first, 'a second request of the same epoch waits for the same read')
    r.pending.shift()!({ offsetMs: 0, frozenAtMs: null })
    await first
    assert.equal(r.clock.sync(), undefined)
    assert.equal(r.pending.length, 0)
    r.moveEpoch(2)
    assert.ok(r.clock.sync() instanceof Promise)
    assert.equal(r.pending.length, 1)
  })

  it('reads every time while the epoch is unknown', async () => {
    const r = rig(undefined)
    const a = r.clock.sync()
    const b = r.clock.sync()
    assert.ok(a instanceof Promise && b instanceof Promise)
    assert.equal(r.pending.length, 2)
    for (const answer of r.pending.splice(0)) answer({ offsetMs: 0, frozenAtMs: null })
    await Promise.all([a, b])
    assert.ok(r.clock.sync() instanceof Promise)
  })

  it('never lets a read that began earlier overwrite the state of a later one', async () => {
    const r = rig(1)
    const older = r.clock.sync()
    r.moveEpoch(2)
    const newer = r.clock.sync()
    const [answerOlder, answerNewer] = r.pending.splice(0)
    answerNewer!({ offsetMs: 5 * HOUR, frozenAtMs: null })
    await newer
    answerOlder!({ offsetMs: HOUR, frozenAtMs: null })
    await older
    assert.equal(r.clock.now().toISOString(), '2026-01-15T13:00:00.000Z')
    assert.equal(r.clock.sync(), undefined, 'and the newer read stands for epoch 2')
  })
})
