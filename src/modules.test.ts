// modules.ts lists the actions twice: by API module (what a path serves) and by feature folder (what
// health counts). The two must hold the same actions, each feature's once, or health would miscount.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { features, featureOf, modules } from './modules.ts'
import type { Action } from './protocol/action.ts'

describe('modules.ts features', () => {
  it('lists every served action under exactly one feature, and nothing that is not served', () => {
    const served = new Set<Action>(modules.flatMap((m) => [...m.actions.values()]))
    const listed = features.flatMap((f) => f.actions)
    assert.equal(new Set(listed).size, listed.length, 'an action is listed under two features (or twice under one)')
    assert.deepEqual(
      listed.filter((a) => !served.has(a)).map((a) => a.name),
      [],
      'listed under a feature but served by no module',
    )
    assert.deepEqual(
      [...served].filter((a) => !featureOf.has(a)).map((a) => a.name),
      [],
      'served but listed under no feature',
    )
  })

  it('names features as their folders are named', () => {
    for (const { feature } of features) assert.match(feature, /^[a-z]+(-[a-z]+)*$/)
    assert.equal(new Set(features.map((f) => f.feature)).size, features.length)
  })
})
