// CachedRead: one load serves every request until the time to live passes or the state's
// Generation is bumped; a load that a bump overtook answers its callers but is not kept.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CachedRead, Generation } from './cached-read.ts'

function counter() {
  let loads = 0
  return { load: async () => ++loads }
}

describe('CachedRead', () => {
  it('keeps one load until the generation is bumped', async () => {
    const generation = new Generation()
    const c = counter()
    const cache = new CachedRead(c.load, generation, 60_000)
    assert.deepEqual([await cache.get(), await cache.get()], [1, 1])
    generation.bump()
    assert.deepEqual([await cache.get(), await cache.get()], [2, 2])
  })

  it('loads again once the time to live has passed', async () => {
    const c = counter()
    const cache = new CachedRead(c.load, new Generation(), 0)
    assert.deepEqual([await cache.get(), await cache.get()], [1, 2])
  })

  it('shares one load between concurrent callers, but not one a bump overtook', async () => {
    const generation = new Generation()
    let release!: () => void
    let loads = 0
    const cache = new CachedRead(
      async () => {
        const n = ++loads
        if (n === 1) await new Promise<void>((resolve) => (release = resolve))
        return n
      },
      generation,
      60_000,
    )
    const first = cache.get()
    const joined = cache.get()
    generation.bump()
    const after = cache.get()
    release()
    assert.deepEqual(await Promise.all([first, joined, after]), [1, 1, 2])
    assert.equal(loads, 2)
    // the overtaken load was not kept: the copy is the one read after the bump
    assert.equal(await cache.get(), 2)
    assert.equal(loads, 2)
  })
})
