// Guard (issue 15): no code casts a string to a table or column name (`kind.table as 'instances'`)
// to make Kysely accept a table chosen at run time. A family's table is named by its own feature
// (its registry entry, or a typed function with the literal name); generic code uses the registry's
// typed tables (features/resources/resource-kind.ts).
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, it } from 'node:test'

const src = new URL('.', import.meta.url).pathname
const schema = readFileSync(join(src, 'store/database.ts'), 'utf8')
const database = schema.slice(schema.indexOf('export interface Database {'))
const tables = new Set([...database.slice(0, database.indexOf('\n}')).matchAll(/^\s+(\w+):/gm)].map((m) => m[1]!))
const columns = new Set([...schema.matchAll(/^\s+(\w+)\??:/gm)].map((m) => m[1]!))

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : []
  })
}

/** `as 'x'` (also after `as unknown`) where x is a table or a column of the schema. */
function castNames(text: string): string[] {
  return [...text.matchAll(/\bas\s+(?:unknown\s+as\s+)?['"](\w+)['"]/g)].map((m) => m[1]!).filter((name) => tables.has(name) || columns.has(name))
}

describe('table and column names', () => {
  it('reads the schema (so the guard below can fail)', () => {
    assert.ok(tables.has('instances') && tables.has('resource_tags') && columns.has('instance_id'))
    assert.deepEqual(castNames("const table = kind.table as 'instances'\nconst id = kind.idColumn as unknown as 'instance_id'"), ['instances', 'instance_id'])
    assert.deepEqual(castNames("eb.fn.countAll().as('n')"), [])
  })

  it('are never cast from strings anywhere in src/', () => {
    const guard = new URL(import.meta.url).pathname
    const found = sources(src)
      .filter((file) => file !== guard)
      .flatMap((file) => castNames(readFileSync(file, 'utf8')).map((name) => `${relative(src, file)}: as '${name}'`))
    assert.deepEqual(found, [])
  })
})
