// reusableQuery: the rows are those of the query built afresh with the same values, on the test
// database (SQLite or PostgreSQL, TEST_DATABASE), the compiled text is reused across values of one
// shape, and a builder that uses a value for more than a parameter is built afresh every time.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { openTestStore } from '../../test/support/database.ts'
import type { Queryable } from './database.ts'
import { reusableQuery } from './reusable-query.ts'
import type { Store } from './store.ts'

describe('reusableQuery', () => {
  let store: Store
  let drop: () => Promise<void>
  before(async () => {
    ;({ store, drop } = await openTestStore())
    const rows = [
      ['a', 'x', 1],
      ['b', 'x', 2],
      ['c', 'y', 0],
      ['d', '', 3],
      ['e', 'y', 4],
    ] as const
    await store.db
      .insertInto('settings')
      .values(rows.map(([name, group, n]) => ({ name: `rq-${name}`, value: JSON.stringify({ group, n }) })))
      .execute()
  })
  after(async () => {
    await drop()
  })

  // names in a list, an optional exact value, an optional prefix filter decided by presence, a limit
  const build = (db: Queryable, names: readonly string[], value: string | undefined, like: string | undefined, limit: number) => {
    let q = db.selectFrom('settings').select(['name', 'value']).where('name', 'in', names)
    if (value !== undefined) q = q.where('value', '=', value)
    if (like) q = q.where('name', 'like', like)
    return q.orderBy('name').limit(limit)
  }
  const query = reusableQuery(build)
  const cases: Array<Parameters<typeof build> extends [unknown, ...infer A] ? A : never> = [
    [['rq-a', 'rq-b', 'rq-c'], undefined, undefined, 10],
    [['rq-c', 'rq-d', 'rq-e'], undefined, undefined, 2],
    [['rq-e'], undefined, undefined, 10],
    [['rq-a', 'rq-b', 'rq-c'], JSON.stringify({ group: 'x', n: 2 }), undefined, 10],
    [['rq-a', 'rq-b', 'rq-c'], '', undefined, 10],
    [['rq-a', 'rq-b', 'rq-c', 'rq-d', 'rq-e'], undefined, 'rq-%', 3],
    [['rq-a', 'rq-b', 'rq-c', 'rq-d', 'rq-e'], undefined, 'rq-e%', 3],
    [['nope'], undefined, '', 1],
  ]

  it('returns the rows of the query built afresh, for every shape and value, and reuses each shape', async () => {
    for (const args of cases) {
      const mine = await query(store.db, ...args)
      const theirs = await build(store.db, ...args).execute()
      assert.deepEqual(mine, theirs, JSON.stringify(args))
      // the second call of the shape runs the compiled text with its own values
      const { compiled, reused } = query.compile(store.db, ...args)
      assert.equal(reused, true, JSON.stringify(args))
      assert.equal(compiled.sql, build(store.db, ...args).compile().sql)
      assert.deepEqual(compiled.parameters, build(store.db, ...args).compile().parameters)
      assert.deepEqual((await store.db.executeQuery(compiled)).rows, theirs)
    }
    // inside a transaction (another Kysely instance of the same dialect) too
    await store.db.transaction().execute(async (tx) => {
      for (const args of cases) assert.deepEqual(await query(tx, ...args), await build(tx, ...args).execute())
    })
  })

  it('a falsy value is part of the shape: limit 0 and the empty string select their own SQL', async () => {
    assert.deepEqual(await query(store.db, ['rq-a'], undefined, undefined, 0), [])
    assert.equal((await query(store.db, ['rq-a'], undefined, undefined, 1)).length, 1)
    assert.deepEqual(await query(store.db, ['rq-a'], '', undefined, 5), [])
  })

  it('builds afresh, every time, a shape whose values do more than fill parameters', async () => {
    // the word is transformed before it reaches the query, and a number decides the form
    const transformed = reusableQuery((db: Queryable, word: string) => db.selectFrom('settings').select('name').where('name', 'like', `%${word}%`).orderBy('name'))
    assert.deepEqual(await transformed(store.db, 'rq-d'), [{ name: 'rq-d' }])
    assert.deepEqual(await transformed(store.db, 'rq-e'), [{ name: 'rq-e' }])
    assert.equal(transformed.compile(store.db, 'rq-e').reused, false)
    const spliced = reusableQuery((db: Queryable, name: string) => db.selectFrom('settings').select('name').where('name', '=', sql.lit(name)))
    assert.deepEqual(await spliced(store.db, 'rq-a'), [{ name: 'rq-a' }])
    assert.deepEqual(await spliced(store.db, 'rq-b'), [{ name: 'rq-b' }])
    assert.equal(spliced.compile(store.db, 'rq-b').reused, false)
    const dropped = reusableQuery((db: Queryable, name: string, unused: string) =>
      db
        .selectFrom('settings')
        .select('name')
        .where('name', '=', unused.length > 100 ? unused : name),
    )
    assert.deepEqual(await dropped(store.db, 'rq-c', 'x'), [{ name: 'rq-c' }])
    assert.equal(dropped.compile(store.db, 'rq-c', 'x').reused, false)
  })
})
