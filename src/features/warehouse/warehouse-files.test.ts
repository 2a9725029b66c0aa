// The warehouse's files: recorded paths stay inside the directory; the size count skips temporary
// files and files that vanish while it counts; stale temporary files are swept.
import assert from 'node:assert/strict'
import { mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { tempWarehouse, type TempWarehouse } from '../../../test/support/fixtures-warehouse.ts'
import { bytesBelow, prepareWarehouseDirectory, removeStaleParts, warehousePath } from './warehouse-files.ts'

let w: TempWarehouse
before(async () => {
  w = tempWarehouse()
  await prepareWarehouseDirectory(w.dir)
})
after(() => w.remove())

describe('warehousePath', () => {
  it('refuses recorded paths that leave the directory', () => {
    assert.equal(warehousePath(w.dir, 'images/pek3a/x.json'), w.path('images/pek3a/x.json'))
    for (const file of ['', '.', '../x', 'images/../../x', '/etc/passwd']) assert.throws(() => warehousePath(w.dir, file), /is not inside the warehouse directory/, file)
  })
})

describe('bytesBelow', () => {
  it('never counts temporary .part- files', async () => {
    const dir = join(w.dir, 'count-parts')
    w.put('count-parts/images/pek3a/img-a.img', 'x'.repeat(10))
    w.put('count-parts/images/pek3a/img-b.img.part-0123456789ab', 'y'.repeat(1000))
    assert.equal(await bytesBelow(dir), 10)
  })

  it('skips files and directories that vanish while it counts, as imports rename and remove them', async () => {
    const dir = join(w.dir, 'count-race')
    // each round: files renamed and removed one by one while the count lists and looks at them
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 200; i++) w.put(`count-race/images/z${i % 4}/img-${i}.img`, 'x')
      const counting = bytesBelow(dir)
      for (let i = 199; i >= 0; i--) {
        const file = join(dir, `images/z${i % 4}/img-${i}.img`)
        if (i % 2) rmSync(file)
        else renameSync(file, `${file}.part-0123456789ab`)
        await new Promise((resolve) => setImmediate(resolve))
      }
      const total = await counting
      assert.ok(total >= 0 && total <= 200, String(total))
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('removeStaleParts', () => {
  it('removes temporary files nobody has written to since the cut-off, and nothing else', async () => {
    const dir = join(w.dir, 'sweep')
    const old = w.put('sweep/images/pek3a/img-old.img.part-aaaaaaaaaaaa', 'left by a crash')
    const fresh = w.put('sweep/images/pek3a/img-new.img.part-bbbbbbbbbbbb', 'a transfer under way')
    const image = w.put('sweep/images/pek3a/img-old.img', 'a finished file')
    const hourAgo = new Date(Date.now() - 3_600_000)
    utimesSync(old, hourAgo, hourAgo)
    utimesSync(image, hourAgo, hourAgo)
    mkdirSync(join(dir, 'exports'), { recursive: true })
    writeFileSync(join(dir, 'exports', 'note.txt'), 'kept')
    assert.equal(await removeStaleParts(dir, new Date(Date.now() - 60_000)), 1)
    assert.deepEqual([w.exists('sweep/images/pek3a/img-old.img.part-aaaaaaaaaaaa'), w.exists('sweep/images/pek3a/img-new.img.part-bbbbbbbbbbbb'), w.exists('sweep/images/pek3a/img-old.img')], [false, true, true])
    assert.equal(fresh.length > 0, true)
    assert.equal(await removeStaleParts(join(w.dir, 'nothing-here'), new Date()), 0)
  })
})
