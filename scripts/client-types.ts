// `npm run client:types`: writes src/client/actions.generated.ts, the typed methods of the
// TypeScript SDK (src/client/), from the registry the server validates with (src/modules.ts). Each
// action's typebox params schema is JSON Schema; it becomes one `…Params` interface and one
// lowerCamelCase method that calls the action in its module. src/client/actions-generated.test.ts
// regenerates and compares, so a changed schema or reply fails the tests until this is run again.
// Replies, two sources:
// - an /iaas/ action the Go SDK covers is typed from its output structs (test/support/go-sdk-types.json,
//   the table test/wire/go-sdk-types.test.ts checks the server's replies against), since those are
//   what real clients decode into: each struct it reaches becomes an interface, every field optional
//   (Go's pointers allow absence) plus an index signature for what the Go SDK does not declare;
// - every other action (QingLocal's /account/ and /admin/ ones, /iaas/ ones the Go SDK lacks) is
//   typed from its implementation: the TypeScript compiler reads what its handle or query returns
//   (scripts/client-reply-types.ts), so the type is the server's own and cannot drift.
// Either way the method returns `Promise<…Reply>`; only a handler whose body says no more than
// `Record<string, unknown>` keeps the generic `Reply`.
import { readFileSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import type ts from 'typescript'
import type { ApiModule } from '../src/protocol/api-module.ts'
import { actionsProgram, type InferredReply, inferReplyTypes, propName } from './client-reply-types.ts'

type Schema = Record<string, unknown>

/** The TypeScript type of one JSON Schema, as typebox writes them (strings, integers, const unions, arrays, objects). */
export function tsType(schema: Schema, indent = '  '): string {
  if (Array.isArray(schema.anyOf)) return [...new Set((schema.anyOf as Schema[]).map((o) => tsType(o, indent)))].join(' | ')
  if ('const' in schema) return JSON.stringify(schema.const)
  // a 0/1 flag: booleans are not what the wire (or the server's validation) takes
  if (schema['x-flag'] === true) return '0 | 1'
  switch (schema.type) {
    case 'string':
      return 'string'
    case 'integer':
    case 'number':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'array': {
      const item = tsType((schema.items ?? {}) as Schema, indent)
      return item.includes(' ') ? `Array<${item}>` : `${item}[]`
    }
    case 'object':
      return objectType(schema, indent)
    default:
      return 'unknown'
  }
}

function objectType(schema: Schema, indent: string): string {
  const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>)
  if (properties.length === 0) return 'Record<string, never>'
  const required = new Set((schema.required ?? []) as string[])
  const lines = properties.map(([name, s]) => `${indent}  ${propName(name)}${required.has(name) ? '' : '?'}: ${tsType(s, `${indent}  `)}`)
  return `{\n${lines.join('\n')}\n${indent}}`
}

/** test/support/go-sdk-types.json: action → output struct(s), struct → field → type. */
export interface GoTypes {
  actions: Record<string, string | string[]>
  structs: Record<string, Record<string, string>>
}

export const GO_TYPES_FILE = new URL('../test/support/go-sdk-types.json', import.meta.url).pathname

export function loadGoTypes(): GoTypes {
  return JSON.parse(readFileSync(GO_TYPES_FILE, 'utf8')) as GoTypes
}

const SCALARS: Record<string, string> = { string: 'string', int: 'number', bool: 'boolean', time: 'string', any: 'unknown' }

/** The TypeScript type of one field in the table's notation (string | int | bool | time | any | []T | map[string]T | Struct). */
export function goFieldType(type: string, structs: GoTypes['structs']): string {
  if (type.startsWith('[]')) {
    const item = goFieldType(type.slice(2), structs)
    return /[ <]/.test(item) ? `Array<${item}>` : `${item}[]`
  }
  if (type.startsWith('map[string]')) return `Record<string, ${goFieldType(type.slice('map[string]'.length), structs)}>`
  const scalar = SCALARS[type]
  if (scalar) return scalar
  if (structs[type]) return type
  throw new Error(`go-sdk-types.json: unknown type ${type}`)
}

/** The struct names a type mentions. */
function structsOf(type: string): string[] {
  const inner = type.replace(/^(\[\]|map\[string\])+/, '')
  return SCALARS[inner] ? [] : [inner]
}

const outputsOf = (goTypes: GoTypes, action: string): string[] => {
  const out = goTypes.actions[action]
  return out === undefined ? [] : Array.isArray(out) ? out : [out]
}

/** Interfaces for the given structs and every struct they reach, in name order. */
function structInterfaces(roots: Iterable<string>, goTypes: GoTypes, taken: Set<string>): string[] {
  const reached = new Set<string>()
  const visit = (name: string) => {
    if (reached.has(name)) return
    if (!goTypes.structs[name]) throw new Error(`go-sdk-types.json: unknown struct ${name}`)
    reached.add(name)
    for (const type of Object.values(goTypes.structs[name]!)) for (const s of structsOf(type)) visit(s)
  }
  for (const root of roots) visit(root)
  const out: string[] = []
  for (const name of [...reached].sort()) {
    // the SDK exports these next to its own names: a clash would shadow one of them
    if (taken.has(name) || name.endsWith('Params') || name.endsWith('Reply')) throw new Error(`go-sdk-types.json: struct ${name} clashes with a generated or SDK name`)
    const fields = Object.entries(goTypes.structs[name]!).map(([field, type]) => `  ${propName(field)}?: ${goFieldType(type, goTypes.structs)}`)
    out.push(`/** Go SDK struct ${name}. */`, `export interface ${name} {`, ...fields, '  [key: string]: unknown', '}', '')
  }
  return out
}

/** Names src/client/ exports besides the generated ones. */
const SDK_NAMES = new Set(['QingCloud', 'QingCloudActions', 'WaitOptions', 'ReplyBase', 'CallOptions', 'RetryOptions', 'QingCloudOptions', 'QingCloudError', 'JobError', 'WaitTimeoutError'])

const lowerCamel = (action: string) => action[0]!.toLowerCase() + action.slice(1)

/** Each action once, in module order then name order: the first module that has a name keeps its method (no name is in two modules today). */
function actionsOf(registry: readonly ApiModule[]): Array<{ module: ApiModule; name: string }> {
  const seen = new Set<string>()
  const out: Array<{ module: ApiModule; name: string }> = []
  for (const module of registry) {
    for (const name of [...module.actions.keys()].sort()) {
      if (seen.has(name)) continue
      seen.add(name)
      out.push({ module, name })
    }
  }
  return out
}

/** The reply declaration of an action typed from its implementation. */
function inferredReply(name: string, inferred: InferredReply): string[] {
  if ('loose' in inferred) return [`// ${name}: its ${inferred.returnedBy} (${inferred.file}) returns only ${inferred.loose}: the generic Reply`]
  const where = `what its ${inferred.returnedBy} returns (${inferred.file})`
  // an empty reply is just the base: `Record<string, never> & ReplyBase` would make its fields never
  const type = inferred.type === 'Record<string, never>' ? 'ReplyBase' : `${inferred.type} & ReplyBase`
  return [`/** Reply of ${name}: ${where}. */`, `export type ${name}Reply = ${type}`, '']
}

/**
 * The whole generated file for a registry. `program` holds the actions' sources: the replies the Go
 * SDK's table does not cover are read from it (default: the repository's, from src/modules.ts).
 */
export function generateClientTypes(registry: readonly ApiModule[], goTypes: GoTypes = loadGoTypes(), program: ts.Program = actionsProgram()): string {
  const out: string[] = [
    '// GENERATED by `npm run client:types` (scripts/client-types.ts) from the action schemas in',
    '// src/modules.ts; replies from the Go SDK structs in test/support/go-sdk-types.json where they cover',
    "// an /iaas/ action, otherwise from the type the action's handle or query returns. Do not edit:",
    '// src/client/actions-generated.test.ts keeps it in sync.',
    "import type { CallOptions, Reply, ReplyBase } from './types.ts'",
    '',
  ]
  const actions = actionsOf(registry)
  // the Go SDK's table is for /iaas/ only
  const goOutputs = (module: ApiModule, name: string) => (module.name === 'iaas' ? outputsOf(goTypes, name) : [])
  const inferred = inferReplyTypes(program, new Set(actions.filter((a) => goOutputs(a.module, a.name).length === 0).map((a) => a.name)))
  const methods: string[] = []
  const replies: string[] = []
  const roots = new Set<string>()
  for (const { module, name } of actions) {
    const action = module.actions.get(name)!
    const schema = action.params as unknown as Schema
    const required = ((schema.required ?? []) as string[]).length > 0
    const body = objectType(schema, '')
    const outputs = goOutputs(module, name)
    let reply = `${name}Reply`
    if (outputs.length > 0) {
      for (const o of outputs) roots.add(o)
      // ret_code and action as every reply has them; the rest as the Go SDK declares it
      const struct = outputs.length === 1 ? outputs[0]! : `(${outputs.join(' | ')})`
      replies.push(`/** Reply of ${name}: Go SDK ${outputs.join(' or ')}. */`, `export type ${reply} = ${struct} & ReplyBase`, '')
    } else {
      const own = inferred.get(name)!
      if ('loose' in own) reply = 'Reply'
      replies.push(...inferredReply(name, own))
    }
    out.push(`/** Parameters of ${name} (module ${module.name}). */`)
    out.push(body === 'Record<string, never>' ? `export type ${name}Params = Record<string, never>` : `export interface ${name}Params ${body}`)
    out.push('')
    methods.push(
      `  /** ${name} (/${module.name}/). */`,
      `  ${lowerCamel(name)}(params: ${name}Params${required ? '' : ' = {}'}, options: Omit<CallOptions, 'module'> = {}): Promise<${reply}> {`,
      `    return this.call${reply === 'Reply' ? '' : `<${reply}>`}(${JSON.stringify(name)}, params, { ...options, module: ${JSON.stringify(module.name)} })`,
      '  }',
    )
  }
  const taken = new Set([...SDK_NAMES, ...actions.map((a) => a.name)])
  out.push(...replies, ...structInterfaces(roots, goTypes, taken))
  out.push('/** One typed method per action; QingCloud (src/client/index.ts) supplies `call`. */')
  out.push('export abstract class QingCloudActions {')
  out.push('  abstract call<R extends ReplyBase = Reply>(action: string, params?: object, options?: CallOptions): Promise<R>')
  out.push('')
  out.push(...methods)
  out.push('}')
  return `${out.join('\n')}\n`
}

export const GENERATED_FILE = new URL('../src/client/actions.generated.ts', import.meta.url).pathname

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { modules } = await import('../src/modules.ts')
  writeFileSync(GENERATED_FILE, generateClientTypes(modules))
  console.log(`wrote ${GENERATED_FILE}`)
}
