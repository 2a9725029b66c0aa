// Start-up's clean-up of the snapshots directory: temporary files a crash left (a snapshot or an
// import cut off) go once nothing has written to them for a while; snapshots, the initial one, a
// temporary file still being written and anything that is not ours stay.
import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { removeAbandonedTemporaries } from './state-snapshots.ts'

const dir = mkdtempSync(join(tmpdir(), 'qinglocal-snapshots-'))
after(() => rmSync(dir, { recursive: true, force: true }))

describe('removeAbandonedTemporaries', () => {
  it('removes stale .part- and .import- files only', () => {
    const cutoff = new Date('2026-12-01T00:00:00Z')
    const old = new Date('2026-11-30T23:00:00Z')
    const files = { stalePart: '.part-0a1b2c', staleImport: '.import-3d4e5f', livePart: '.part-777777', snapshot: 'before.qlstate', initial: '.initial.qlstate', other: '.part-notours.txt' }
    for (const name of Object.values(files)) writeFileSync(join(dir, name), 'x')
    for (const name of [files.stalePart, files.staleImport, files.snapshot, files.initial, files.other]) utimesSync(join(dir, name), old, old)
    assert.equal(removeAbandonedTemporaries(dir, cutoff), 2)
    assert.deepEqual(readdirSync(dir).sort(), [files.initial, files.livePart, files.other, files.snapshot].sort())
    assert.equal(removeAbandonedTemporaries(join(dir, 'none-here'), cutoff), 0, 'no directory yet: nothing to do')
  })
})
