// Queries compiled once per shape and run with each call's values (issue 16, page cost). Kysely
// builds an operation tree and compiles it to SQL on every call: for the handful of queries of a
// DescribeInstances page that was a sixth of the request's CPU, for the same few SQL texts each time.
//
// `reusableQuery(build)` takes the function that builds the query from its arguments. On the first
// call of a shape it builds the query with stand-in values (markers) instead of the arguments,
// compiles it, and notes which argument each parameter of the compiled query came from; later calls
// of the same shape fill those parameters with their own values and run the same SQL text. The
// shape is what the SQL text may depend on: per argument, whether it is a list and how long
// (`in (?, ?, …)`), and the value itself when it is falsy (`undefined`, `''`, `0`, …: builders
// test presence, `if (f.status?.length)`), so a falsy value stays part of the SQL text it selects.
//
// The rule for `build`: use an argument's truthy values only as query values (Kysely parameters),
// never to decide the query's form (`if (offset > 100)`), and never transformed (`'%' + word`). A
// value used otherwise does not survive as a parameter; such a shape is then built with the real
// values on every call (exactly the query without this helper, only not reused), so breaking the
// rule costs the saving, never a wrong query.
import { CompiledQuery, type Compilable, type DialectAdapter, type Kysely } from 'kysely'

/** Where a compiled parameter's value comes from: argument `arg`, element `item` of it (a list) or the argument itself (-1). */
type Slot = { arg: number; item: number } | { constant: unknown }

interface Shape {
  /** The compiled query, its parameters to be replaced by the slots' values; undefined: not reusable. */
  compiled: CompiledQuery | undefined
  slots: Slot[]
}

/** Shapes kept per query and dialect; beyond this (lists of many lengths) they start over. */
const SHAPES_PER_QUERY = 128

const MARKER = '\u0000qinglocal-param:'

export interface ReusableQuery<DB, A extends unknown[], R> {
  /** The rows of the query `build(db, ...args)` would give. */
  (db: Kysely<DB>, ...args: A): Promise<R[]>
  /** The compiled query for these arguments (reused when the shape allows it): for tests. */
  compile(db: Kysely<DB>, ...args: A): { compiled: CompiledQuery<R>; reused: boolean }
}

export function reusableQuery<DB, A extends unknown[], R>(build: (db: Kysely<DB>, ...args: A) => Compilable<R>): ReusableQuery<DB, A, R> {
  // the SQL text depends on the dialect: shapes are kept per adapter, which a Kysely instance and
  // its transactions share
  const byAdapter = new WeakMap<DialectAdapter, Map<string, Shape>>()

  const compile = (db: Kysely<DB>, args: A): { compiled: CompiledQuery<R>; reused: boolean } => {
    const adapter = db.getExecutor().adapter
    let shapes = byAdapter.get(adapter)
    if (!shapes) {
      shapes = new Map()
      byAdapter.set(adapter, shapes)
    }
    const key = shapeKey(args)
    let shape = shapes.get(key)
    if (!shape) {
      shape = learn(db, build, args)
      if (shapes.size >= SHAPES_PER_QUERY) shapes.clear()
      shapes.set(key, shape)
    }
    if (!shape.compiled) return { compiled: build(db, ...args).compile(), reused: false }
    const parameters = shape.slots.map((slot) => ('constant' in slot ? slot.constant : slot.item < 0 ? args[slot.arg] : (args[slot.arg] as readonly unknown[])[slot.item]))
    return { compiled: CompiledQuery.raw(shape.compiled.sql, parameters) as CompiledQuery<R>, reused: true }
  }

  const run = async (db: Kysely<DB>, ...args: A): Promise<R[]> => {
    const { compiled } = compile(db, args)
    return (await db.executeQuery(compiled)).rows
  }
  return Object.assign(run, { compile: (db: Kysely<DB>, ...args: A) => compile(db, args) })
}

function shapeKey(args: readonly unknown[]): string {
  let key = ''
  for (const arg of args) {
    if (Array.isArray(arg)) key += `[${arg.length}]`
    else if (!arg) key += `(${typeof arg}:${String(arg)})`
    else key += '(v)'
  }
  return key
}

/** Builds the query with markers for the arguments' values and maps its parameters back to them. */
function learn<DB, A extends unknown[], R>(db: Kysely<DB>, build: (db: Kysely<DB>, ...args: A) => Compilable<R>, args: A): Shape {
  const marker = (arg: number, item: number) => `${MARKER}${arg}:${item}`
  const markers = args.map((arg, i) => (Array.isArray(arg) ? arg.map((_, j) => marker(i, j)) : arg ? marker(i, -1) : arg)) as A
  let compiled: CompiledQuery<R>
  try {
    compiled = build(db, ...markers).compile()
  } catch {
    // the builder did more with a value than pass it on (a method of it, a property)
    return { compiled: undefined, slots: [] }
  }
  // a marker in the text: a value was spliced into the SQL itself (sql.lit, sql.raw)
  if (compiled.sql.includes(MARKER)) return { compiled: undefined, slots: [] }
  const slotOf = new Map<string, Slot>()
  for (const [i, arg] of args.entries()) {
    if (Array.isArray(arg)) for (let j = 0; j < arg.length; j++) slotOf.set(marker(i, j), { arg: i, item: j })
    else if (arg) slotOf.set(marker(i, -1), { arg: i, item: -1 })
  }
  const used = new Set<string>()
  const slots: Slot[] = []
  for (const p of compiled.parameters) {
    const slot = typeof p === 'string' ? slotOf.get(p) : undefined
    if (slot) {
      used.add(p as string)
      slots.push(slot)
    } else if (typeof p === 'string' && p.includes(MARKER)) {
      // a transformed value ('%' + word): its parameter differs from call to call in another way
      return { compiled: undefined, slots: [] }
    } else slots.push({ constant: p })
  }
  // every truthy value must reach the query as itself: one missing decided its form or was dropped
  if (used.size !== slotOf.size) return { compiled: undefined, slots: [] }
  return { compiled, slots }
}
