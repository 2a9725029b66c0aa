// Replaces the whole store with a state file's contents in ONE write transaction: a request sees
// the store as it was or as the file has it, never a mix, and a file that fails half way changes
// nothing (the transaction rolls back).
// - PostgreSQL: the swap first takes the state swap gate exclusive (store.ts: every transaction
//   holds it shared from its begin), so it waits for the transactions in flight in every process,
//   and those that begin later wait for the swap before they touch any table. Then every state
//   table is locked ACCESS EXCLUSIVE (statements outside transactions finish first), with a short
//   lock_timeout and retried: such a statement holding one table while it asks for another the
//   swap holds would otherwise deadlock with it. User triggers are disabled for the swap, so the
//   kept counts and epoch bumps come from the file as they were, not again from the inserts.
// - SQLite: `begin immediate` is the one writer lock of every process; the triggers are dropped and
//   made again from their own SQL in the same transaction (DDL is transactional there).
// Then the cache epoch moves once, so every process reloads its caches at its next request.
import { CompiledQuery, type Kysely, sql } from 'kysely'
import { ApiError } from '../../errors.ts'
import { realTimeMs } from '../../lib/clock.ts'
import type { Database } from '../database.ts'
import { STATE_SWAP_GATE, type Store } from '../store.ts'
import { stateTables, type TableInfo } from './catalog.ts'
import { kyselyCatalogQuery } from './dump-state.ts'
import { checkHeader, decodeValue, readStateLines, type StateCounts, type StateHeader } from './state-format.ts'

/** Bound parameters per insert statement (SQLite allows 32766, PostgreSQL 65535). */
const PARAMS_PER_INSERT = 10_000
/** How long one attempt at the table locks waits (below PostgreSQL's deadlock_timeout, 1 s by default). */
const LOCK_ATTEMPT_MS = 200
/** How long one attempt may hold up new transactions while it waits for the gate and the tables. */
const ATTEMPT_BUDGET_MS = 5_000
/** How long the swap keeps trying for the locks before it answers ServerBusy. */
const LOCK_DEADLINE_MS = 60_000

/**
 * What features tell the swap about their tables, through this contract rather than the loader
 * knowing them.
 */
export interface SwapRules {
  /**
   * Tables PostgreSQL keeps as delta rows (several per key) and SQLite as one row per key: on SQLite,
   * a row whose key is already there adds its `add` columns to it.
   */
  merge?: ReadonlyArray<{ table: string; key: readonly string[]; add: readonly string[] }>
  /** Work in the swap's transaction: `before` ahead of the tables being emptied, `after` once the file is in. */
  hooks?: readonly SwapHook[]
}

export interface SwapHook {
  before(db: Kysely<Database>): Promise<unknown>
  after(db: Kysely<Database>, before: unknown): Promise<void>
}

export interface Expected {
  migration: string
  boxFingerprint: string
}

export interface Loaded extends StateCounts {
  header: StateHeader
}

export async function loadState(store: Store, file: string, expect: Expected, rules: SwapRules = {}): Promise<Loaded> {
  const lines = readStateLines(file)
  try {
    const first = await lines.next()
    // refused before any lock is taken
    const header = checkHeader(first.done ? undefined : first.value, expect)
    const counts = await inSwapTransaction(store, async (trx, tables) => {
      sameTables(header.tables, tables)
      const restoreTriggers = store.caps.name === 'postgres' ? await triggersOffPostgres(trx, tables) : await triggersOffSqlite(trx)
      const before = []
      for (const hook of rules.hooks ?? []) before.push(await hook.before(trx))
      await emptyTables(trx, store.caps.name, tables)
      const counts = await insertRows(trx, lines, tables, store.caps.name === 'sqlite' ? (rules.merge ?? []) : [])
      await restoreTriggers()
      for (const [i, hook] of (rules.hooks ?? []).entries()) await hook.after(trx, before[i])
      await trx.executeQuery(CompiledQuery.raw('update cache_epoch set epoch = epoch + 1 where id = 1'))
      return counts
    })
    return { ...counts, header }
  } catch (error) {
    throw asApiError(error)
  } finally {
    await lines.return(undefined)
  }
}

/**
 * The swap's one write transaction, with every state table its own. On PostgreSQL it is begun by
 * hand, outside the gate, which it then takes exclusive. While it waits for the gate or the tables,
 * new transactions wait behind it; a long transaction in flight (another process's dump of a large
 * store) would hold the whole server that long, so an attempt that has not got everything within
 * ATTEMPT_BUDGET_MS rolls back, lets the waiting work through, and tries again.
 */
async function inSwapTransaction<T>(store: Store, work: (db: Kysely<Database>, tables: TableInfo[]) => Promise<T>): Promise<T> {
  if (store.caps.name === 'sqlite') return await store.db.transaction().execute(async (trx) => await work(trx, await stateTables(kyselyCatalogQuery(trx), 'sqlite')))
  const giveUpAt = realTimeMs() + LOCK_DEADLINE_MS
  for (let attempt = 0; ; attempt++) {
    const done = await store.db.connection().execute(async (db) => {
      const run = (text: string) => db.executeQuery(CompiledQuery.raw(text))
      await run('begin')
      try {
        const tables = await stateTables(kyselyCatalogQuery(db), 'postgres')
        if (!(await lockEverything(db, tables))) {
          await run('rollback')
          return undefined
        }
        const result = await work(db, tables)
        await run('commit')
        return { result }
      } catch (error) {
        await run('rollback').catch(() => undefined)
        throw error
      }
    })
    if (done) return done.result
    if (realTimeMs() > giveUpAt) throw new ApiError('ServerBusy', `the store stayed too busy to take every table for the swap within ${LOCK_DEADLINE_MS / 1000} s; nothing was changed, retry later`)
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1000, 50 * 2 ** attempt)))
  }
}

/**
 * PostgreSQL: the gate exclusive, then every state table ACCESS EXCLUSIVE, within ATTEMPT_BUDGET_MS;
 * false when the budget ran out. The tables are asked for LOCK_ATTEMPT_MS at a time from a savepoint:
 * a statement outside any transaction (not behind the gate) may hold one table while it asks for
 * another the swap has, and the swap gives way first (its wait is shorter than deadlock_timeout).
 */
async function lockEverything(db: Kysely<Database>, tables: readonly TableInfo[]): Promise<boolean> {
  const run = (text: string) => db.executeQuery(CompiledQuery.raw(text))
  const lockNotAvailable = (error: unknown) => (error as { code?: string }).code === '55P03'
  const budgetEnds = realTimeMs() + ATTEMPT_BUDGET_MS
  await run('savepoint state_swap_gate')
  await run(`set local lock_timeout = ${ATTEMPT_BUDGET_MS}`)
  try {
    await run(`select pg_advisory_xact_lock(${STATE_SWAP_GATE})`)
  } catch (error) {
    if (lockNotAvailable(error)) return false
    throw error
  }
  await run('release savepoint state_swap_gate')
  const list = tables.map((t) => quoted(t.name)).join(', ')
  for (;;) {
    await run('savepoint state_swap_tables')
    await run(`set local lock_timeout = ${LOCK_ATTEMPT_MS}`)
    try {
      await run(`lock table ${list} in access exclusive mode`)
      await run('release savepoint state_swap_tables')
      await run('set local lock_timeout = 0')
      return true
    } catch (error) {
      if (!lockNotAvailable(error)) throw error
      // the tables this try took go with the savepoint: whoever waited on them goes on
      await run('rollback to savepoint state_swap_tables')
      if (realTimeMs() > budgetEnds) return false
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20))
    }
  }
}

function sameTables(inFile: readonly string[], tables: readonly TableInfo[]): void {
  const here = new Set(tables.map((t) => t.name))
  const missing = [...here].filter((t) => !inFile.includes(t))
  const extra = inFile.filter((t) => !here.has(t))
  if (missing.length || extra.length) {
    throw new ApiError('InvalidRequestFormat', `the state file's tables do not match this store's${missing.length ? `; it lacks ${missing.join(', ')}` : ''}${extra.length ? `; this store has no ${extra.join(', ')}` : ''}`)
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`

/** PostgreSQL: the state tables' user triggers off for the swap; what turns them on again. */
async function triggersOffPostgres(db: Kysely<Database>, tables: readonly TableInfo[]): Promise<() => Promise<void>> {
  const run = (text: string) => db.executeQuery(CompiledQuery.raw(text))
  for (const t of tables) await run(`alter table ${quoted(t.name)} disable trigger user`)
  return async () => {
    for (const t of tables) await run(`alter table ${quoted(t.name)} enable trigger user`)
  }
}

/** SQLite: every trigger dropped (its SQL kept) and foreign keys checked at commit; what makes the triggers again. */
async function triggersOffSqlite(trx: Kysely<Database>): Promise<() => Promise<void>> {
  const run = (text: string) => trx.executeQuery(CompiledQuery.raw(text))
  const { rows } = await trx.executeQuery(CompiledQuery.raw("select name, sql from sqlite_master where type = 'trigger' order by name"))
  const triggers = rows as Array<{ name: string; sql: string }>
  for (const trigger of triggers) await run(`drop trigger ${quoted(trigger.name)}`)
  await run('pragma defer_foreign_keys = on')
  return async () => {
    for (const trigger of triggers) await run(trigger.sql)
  }
}

async function emptyTables(trx: Kysely<Database>, dialect: Store['caps']['name'], tables: readonly TableInfo[]): Promise<void> {
  if (dialect === 'postgres') {
    await trx.executeQuery(CompiledQuery.raw(`truncate ${tables.map((t) => quoted(t.name)).join(', ')}`))
    return
  }
  // children first
  for (const t of [...tables].reverse()) await trx.executeQuery(CompiledQuery.raw(`delete from ${quoted(t.name)}`))
}

interface Section {
  table: TableInfo
  columns: string[]
  rows: unknown[][]
  merge: { key: readonly string[]; add: readonly string[] } | undefined
}

async function insertRows(trx: Kysely<Database>, lines: AsyncGenerator<unknown>, tables: readonly TableInfo[], merges: NonNullable<SwapRules['merge']>): Promise<StateCounts> {
  const byName = new Map(tables.map((t) => [t.name, t]))
  const seen = new Set<string>()
  let section: Section | undefined
  let rows = 0
  const flush = async () => {
    if (section && section.rows.length > 0) await insertBatch(trx, section)
    if (section) section.rows = []
  }
  for (;;) {
    const next = await lines.next()
    if (next.done) throw new ApiError('InvalidRequestFormat', 'the state file ends before its end line: it was cut short')
    const line = next.value
    if (Array.isArray(line)) {
      if (!section) throw new ApiError('InvalidRequestFormat', 'the state file has a row before any table line')
      if (line.length !== section.columns.length) throw new ApiError('InvalidRequestFormat', `a row of table ${section.table.name} has ${line.length} values for ${section.columns.length} columns`)
      section.rows.push(line.map(decodeValue))
      rows++
      if (section.rows.length * section.columns.length >= PARAMS_PER_INSERT) await flush()
      continue
    }
    const { table, columns, end } = (line ?? {}) as { table?: unknown; columns?: unknown; end?: { tables?: unknown; rows?: unknown } }
    await flush()
    if (end !== undefined) {
      if (end.tables !== seen.size || end.rows !== rows) throw new ApiError('InvalidRequestFormat', `the state file's end line counts ${String(end.tables)} tables and ${String(end.rows)} rows, the file holds ${seen.size} and ${rows}`)
      if (seen.size !== tables.length) throw new ApiError('InvalidRequestFormat', `the state file holds ${seen.size} of this store's ${tables.length} tables`)
      return { tables: seen.size, rows }
    }
    if (typeof table !== 'string' || !Array.isArray(columns)) throw new ApiError('InvalidRequestFormat', 'the state file has a line that is neither a table, a row nor its end')
    const info = byName.get(table)
    if (!info) throw new ApiError('InvalidRequestFormat', `the state file names table ${table}, which this store does not have`)
    if (seen.has(table)) throw new ApiError('InvalidRequestFormat', `the state file names table ${table} twice`)
    const names = columns.map(String)
    if (names.length !== info.columns.length || !info.columns.every((c) => names.includes(c)))
      throw new ApiError('InvalidRequestFormat', `the state file's columns of ${table} (${names.join(', ')}) are not this store's (${info.columns.join(', ')})`)
    seen.add(table)
    const merge = merges.find((m) => m.table === table)
    section = { table: info, columns: names, rows: [], merge }
  }
}

async function insertBatch(trx: Kysely<Database>, section: Section): Promise<void> {
  const values = sql.join(section.rows.map((row) => sql`(${sql.join(row)})`))
  const columns = sql.raw(section.columns.map(quoted).join(', '))
  const merge = section.merge
    ? sql.raw(` on conflict (${section.merge.key.map(quoted).join(', ')}) do update set ${section.merge.add.map((c) => `${quoted(c)} = ${quoted(section.table.name)}.${quoted(c)} + excluded.${quoted(c)}`).join(', ')}`)
    : sql.raw('')
  await sql`insert into ${sql.raw(quoted(section.table.name))} (${columns}) values ${values}${merge}`.execute(trx)
}

/** A file that does not fit (a constraint, a type) is the caller's problem, 1100; a write lock not had, 5100; the rest stays what it was. */
function asApiError(error: unknown): unknown {
  if (error instanceof ApiError) return error
  const code = String((error as { code?: unknown })?.code ?? '')
  if (code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || /^2[23]/.test(code)) {
    return new ApiError('InvalidRequestFormat', `the state file does not fit this store: ${(error as Error).message}`)
  }
  // another process kept SQLite's write lock beyond busy_timeout: the swap never began
  if (code === 'SQLITE_BUSY') return new ApiError('ServerBusy', "another process held the store's write lock too long for the swap to begin; nothing was changed, retry later")
  return error
}
