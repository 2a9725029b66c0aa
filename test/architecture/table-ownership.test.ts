// A feature's tables are named only by that feature (issue 15 item 5, docs/ARCHITECTURE.md "Tables
// belong to their feature"): every src/**/*.ts outside the owner's folder (settings: src/store/settings.ts)
// that names a table in a query, a column reference, SQL text, a `table:` entry or a table-typed
// literal fails this test.
// Exempt: tests, src/store/migrations/** (history) and src/store/database.ts (the row types).
import assert from 'node:assert/strict'
import { existsSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, it } from 'node:test'
import ts from 'typescript'
import { ownerPath, TABLE_OWNERS, type TableOwner } from '../../src/table-owners.ts'
import { readSchema, type Schema, tableReferences } from './table-references.ts'

const root = new URL('../..', import.meta.url).pathname
const schema = readSchema(join(root, 'src/store/database.ts'))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return path === join(root, 'src/store/migrations') ? [] : sourceFiles(path)
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && path !== join(root, 'src/store/database.ts') ? [path] : []
  })
}

/** A program over the given files (and what they import), for the checker's contextual types. */
function program(files: string[], host?: ts.CompilerHost): ts.Program {
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root)
  return ts.createProgram({ rootNames: files, options: { ...options, noEmit: true }, ...(host && { host }) })
}

const PROBE = join(root, 'src/features/probe/probe.ts')
let probeCode = ''
let shared: ts.Program | undefined

/**
 * One program over src/ and the probe snippet (placed at src/features/probe/probe.ts, so it may
 * import the store): the checker's work on Kysely's types is most of this file's time, so both
 * tests share it. The snippet is set by the first test that asks.
 */
function sharedProgram(code: string): ts.Program {
  if (shared) {
    assert.equal(code, probeCode, 'one probe snippet per run')
    return shared
  }
  probeCode = code
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile)
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root)
  const host = ts.createCompilerHost(options)
  const getSourceFile = host.getSourceFile
  host.getSourceFile = (name, version, ...rest) => (name === PROBE ? ts.createSourceFile(name, probeCode, version, true) : getSourceFile.call(host, name, version, ...rest))
  const fileExists = host.fileExists
  host.fileExists = (name) => name === PROBE || fileExists.call(host, name)
  shared = program([...sourceFiles(join(root, 'src')), PROBE], host)
  return shared
}

/** The references a snippet (the probe file of the shared program) makes. */
function referencesIn(code: string, s: Schema = schema): string[] {
  const p = sharedProgram(code)
  return tableReferences(p.getSourceFile(PROBE)!, p.getTypeChecker(), s).map((r) => `${r.line}:${r.table}`)
}

describe('table ownership', () => {
  it('the owners map covers exactly the tables of interface Database, and every owner’s path exists', () => {
    assert.deepEqual(Object.keys(TABLE_OWNERS).sort(), [...schema.tables.keys()].sort())
    for (const owner of new Set<TableOwner>(Object.values(TABLE_OWNERS))) assert.ok(existsSync(join(root, ownerPath(owner))), `owner ${owner}: no ${ownerPath(owner)}`)
  })

  it('finds tables in queries, column references, SQL text, kind entries and table-typed literals, never in comments or other strings', () => {
    const code = [
      "import type { Database, Queryable } from '../../store/database.ts'", // 1
      "import { sql } from 'kysely'", // 2
      'declare const db: Queryable', // 3
      "// db.selectFrom('zones') in a comment, and /* updateTable('wallets') */", // 4
      "export const a = db.selectFrom('users as u').select('u.email')", // 5
      "export const b = db.selectFrom('sessions').innerJoin('user_tokens', 'user_tokens.user_id', 'sessions.user_id')", // 6
      `export const c = sql\`SELECT value FROM settings WHERE name = \${1}\``, // 7
      "export const d = { table: 'leases', prefix: 'x' }", // 8
      "export type E = Database['invites']; export type E2 = 'outbox' | 'login_failures'; export type E3 = 'access_keys' | 'other'", // 9
      "export const f: Array<keyof Database> = ['faults']", // 10
      "export const g = (n: string) => n; g('users'); g('zones'); g('tags.N'); g('jobs step')", // 11
      "export const h = db.selectFrom(['prices', 'wallets'])", // 12
      "export const i = sql.raw('delete from rate_slots')", // 13
      "export const j = 'api_usage.period_key'", // 14
      "export const k = 'recharges.nonsense'", // 15
      "export const l = { zones: 'zones', users: ['users'] }", // 16
      "export const m = (x: string) => x as 'charge_records'; export const n = (x: string) => x as 'reservations' | 'quota_locks'", // 17
      `export const o = sql\`UPDATE \${sql.table('quota_defaults')} SET x = 1 WHERE y IN (SELECT z FROM user_quotas)\``, // 18
      // a generic slot counts by its constraint: a lock kind called 'hosts' is not the table, a table name slot is
      "declare function take<K extends 'wallet' | 'hosts'>(kind: K): void; take('hosts'); declare function from<T extends keyof Database>(t: T): void; from('licenses')", // 19
    ].join('\n')
    assert.deepEqual(
      referencesIn(code).sort(),
      [
        '5:users',
        '6:sessions',
        '6:user_tokens',
        '7:settings',
        '8:leases',
        '9:invites',
        '9:outbox',
        '9:login_failures',
        '10:faults',
        '12:prices',
        '12:wallets',
        '13:rate_slots',
        '14:api_usage',
        '17:charge_records',
        '17:reservations',
        '17:quota_locks',
        '18:quota_defaults',
        '18:user_quotas',
        '19:licenses',
      ].sort(),
    )
  })

  it('no file outside a table’s owner folder names it', () => {
    const files = sourceFiles(join(root, 'src'))
    const p = shared ?? program(files)
    const checker = p.getTypeChecker()
    const offences: string[] = []
    for (const file of files) {
      const path = relative(root, file)
      const byTable = new Map<string, number[]>()
      for (const ref of tableReferences(p.getSourceFile(file)!, checker, schema)) {
        const owner = TABLE_OWNERS[ref.table as keyof typeof TABLE_OWNERS]
        if (path.startsWith(ownerPath(owner))) continue
        byTable.set(ref.table, [...(byTable.get(ref.table) ?? []), ref.line])
      }
      for (const [table, lines] of byTable) offences.push(`${path}: ${table} (owner ${TABLE_OWNERS[table as keyof typeof TABLE_OWNERS]}; lines ${lines.join(', ')})`)
    }
    const offenders = new Set(offences.map((o) => o.slice(0, o.indexOf(':'))))
    assert.ok(offences.length === 0, `${offenders.size} files name tables another feature owns, ${offences.length} file/table pairs (file: table (owner; lines)); call the owner's exported functions instead:\n${offences.join('\n')}`)
  })
})
