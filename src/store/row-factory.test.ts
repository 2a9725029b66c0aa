// withRowFactory: a reading statement's rows, built from raw arrays, are the objects better-sqlite3
// itself would have built (keys, order, values, a repeated name); writes and iterate pass through.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import SQLite from 'better-sqlite3'
import { withRowFactory } from './store.ts'

describe('withRowFactory', () => {
  const db = new SQLite(':memory:')
  db.exec(`create table a (id text primary key, "weird name" text, "quote""d" integer, n real, b blob, z text);
           create table b (id text, a_id text, z text)`)

  it('returns the same row objects as better-sqlite3, for joins with repeated names too', () => {
    const write = withRowFactory(db.prepare('insert into a values (?, ?, ?, ?, ?, ?)'))
    assert.equal(write.reader, false)
    assert.equal(write.run(['a1', 'x', 7, 1.5, Buffer.from([1, 2]), null]).changes, 1)
    write.run(['a2', '', -1, 0, null, 'zz'])
    db.prepare('insert into b values (?, ?, ?)').run('b1', 'a1', 'from b')
    for (const text of ['select * from a order by id', 'select * from a join b on b.a_id = a.id', 'select count(*) as n, max(id) from a where id > ?']) {
      const params = text.includes('?') ? ['a0'] : []
      const mine = withRowFactory(db.prepare(text)).all(params)
      const theirs = db.prepare(text).all(params)
      assert.deepEqual(mine, theirs, text)
      assert.deepEqual(
        mine.map((r) => Object.keys(r as object)),
        theirs.map((r) => Object.keys(r as object)),
        text,
      )
    }
    assert.deepEqual([...withRowFactory(db.prepare('select id from a order by id')).iterate([])], [{ id: 'a1' }, { id: 'a2' }])
  })

  it('keeps a statement with a column named __proto__ as better-sqlite3 made it', () => {
    const text = 'select id as "__proto__", z from a where id = ?'
    const statement = db.prepare(text)
    assert.equal(withRowFactory(statement), statement)
    const row = withRowFactory(db.prepare(text)).all(['a1'])[0]
    assert.equal(Object.getPrototypeOf(row), Object.prototype)
    assert.deepEqual(row, db.prepare(text).get('a1'))
  })
})
