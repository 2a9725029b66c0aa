// Turns a parameter tree into an action's typed parameters, or the 1100 error that names the first
// bad parameter. The action's typebox schema is the single source of truth; it is compiled once.
import type { Static, TObject, TSchema } from 'typebox'
import { Compile } from 'typebox/compile'
import { ApiError } from '../errors.ts'
import type { ParamTree, ParamValue } from './params.ts'

type SchemaNode = TSchema & {
  type?: string
  items?: SchemaNode
  properties?: Record<string, SchemaNode>
  'x-keep-empty'?: boolean
  'x-flag'?: boolean
}

const INTEGER = /^-?\d{1,15}$/

/** Strings → declared scalar types; empty strings → absent (unless the schema keeps them). */
function coerce(schema: SchemaNode | undefined, value: ParamValue): unknown {
  if (!schema) return value
  if (typeof value === 'string') {
    if (value === '' && !schema['x-keep-empty']) return undefined
    if (schema.type === 'integer') {
      const text = schema['x-flag'] ? (({ true: '1', false: '0' } as Record<string, string>)[value] ?? value) : value
      return INTEGER.test(text) ? Number(text) : value
    }
    return value
  }
  if (Array.isArray(value)) {
    // `instances.1=` names no instance: a list of nothing but empty values is absent, like an empty
    // scalar, so a required list answers "missing parameter" instead of reaching a query as `in ()`
    const items = value.map((v) => coerce(schema.items, v)).filter((v) => v !== undefined)
    return items.length ? items : undefined
  }
  return coerceObject(schema, value)
}

function coerceObject(schema: SchemaNode, tree: Record<string, ParamValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(tree)) {
    const v = coerce(schema.properties?.[name], value)
    if (v !== undefined) out[name] = v
  }
  return out
}

/** `/rules/0/protocol` → `rules.1.protocol`: the name as the client wrote it. */
function wireName(instancePath: string): string {
  return instancePath
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? String(Number(part) + 1) : part))
    .join('.')
}

interface SchemaError {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
}

function describeError(error: SchemaError, input: unknown): string {
  const name = wireName(error.instancePath)
  const value = error.instancePath
    .split('/')
    .filter(Boolean)
    .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], input)
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params.requiredProperties as string[])[0] ?? ''
      return `missing parameter ${name ? `${name}.` : ''}${missing}`
    }
    case 'type':
      if (error.params.type === 'integer') return `parameter ${name} should be integer`
      if (error.params.type === 'array') return `parameter ${name} should be list`
      return `parameter ${name} should be ${String(error.params.type)}`
    case 'minimum':
    case 'maximum':
      return `parameter ${name} value ${String(value)} is out of range, ${error.keyword} ${String(error.params.limit ?? '')}`.trim()
    case 'minLength':
    case 'maxLength':
      return `parameter ${name} has an invalid length`
    case 'pattern':
      return `parameter ${name}'s format is illegal`
    case 'anyOf':
    case 'const':
    case 'enum':
      return `unsupported parameter ${name} value ${String(value)}`
    default:
      return `invalid parameter value ${name}`
  }
}

export type ParamReader<T extends TObject> = (tree: ParamTree) => Static<T>

export function paramReader<T extends TObject>(schema: T): ParamReader<T> {
  // compiled on the action's first request, not when ~200 actions are defined at load: every server
  // start, CLI-loaded server and test process paid for all of them (~30 ms of CPU)
  let compiled: ReturnType<typeof Compile> | undefined
  return (tree) => {
    compiled ??= Compile(schema)
    const value = coerceObject(schema as SchemaNode, tree)
    if (compiled.Check(value)) return value as Static<T>
    const errors = [...compiled.Errors(value)] as SchemaError[]
    // a missing parameter is the most useful thing to name; then the first error in path order
    const first = errors.find((e) => e.keyword === 'required') ?? errors.find((e) => e.keyword !== 'anyOf') ?? errors[0]
    throw new ApiError('InvalidRequestFormat', first ? describeError(first, value) : 'invalid parameters')
  }
}
