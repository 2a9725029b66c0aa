// What the server's action registry (src/modules.ts) offers, for `qinglocal actions` and for the
// suggestions `qinglocal call` makes after an unknown action. The registry is imported lazily
// (loadCatalog): it loads every feature's code, which `call` needs only once an action was refused,
// and `--version` never. Parameters are read from each action's typebox schema, the one the server
// validates with.
import type { TSchema } from 'typebox'
import type { ApiModule } from '../protocol/api-module.ts'

export interface CatalogParam {
  name: string
  /** string, integer, 0|1, passwd|keypair, string[] (sent as name.1=…), {field, …} */
  type: string
  required: boolean
}

export interface CatalogAction {
  module: string
  name: string
  params: CatalogParam[]
}

/** Every registered action, module by module in the registry's order, names sorted within one. */
export async function loadCatalog(): Promise<CatalogAction[]> {
  const { modules } = await import('../modules.ts')
  return catalogOf(modules)
}

export function catalogOf(registry: readonly ApiModule[]): CatalogAction[] {
  const out: CatalogAction[] = []
  for (const module of registry) {
    const names = [...module.actions.keys()].sort()
    for (const name of names) {
      const action = module.actions.get(name)!
      const schema = action.params as TSchema & { properties?: Record<string, TSchema>; required?: string[] }
      const required = new Set(schema.required ?? [])
      const params = Object.entries(schema.properties ?? {}).map(([param, s]) => ({ name: param, type: typeOf(s), required: required.has(param) }))
      // the endpoint reads zone itself (not in the schema): an action that works in one zone needs it
      if (action.zone === 'required' && !params.some((p) => p.name === 'zone')) params.unshift({ name: 'zone', type: 'string', required: true })
      out.push({ module: module.name, name, params })
    }
  }
  return out
}

/** A short name for a schema's type, as the parameter is written on the command line. */
export function typeOf(schema: TSchema): string {
  const s = schema as Record<string, unknown>
  if (Array.isArray(s.anyOf)) {
    const options = (s.anyOf as Record<string, unknown>[]).map((o) => ('const' in o ? String(o.const) : typeOf(o as TSchema)))
    return [...new Set(options)].join('|')
  }
  if ('const' in s) return String(s.const)
  if (s['x-flag'] === true) return '0|1'
  if (s.type === 'array') return `${typeOf((s.items ?? {}) as TSchema)}[]`
  if (s.type === 'object') return `{${Object.keys((s.properties ?? {}) as object).join(', ')}}`
  return typeof s.type === 'string' ? s.type : 'value'
}

/** The catalog as text: `module Name` then one indented line per parameter, required ones marked. */
export function renderCatalog(actions: readonly CatalogAction[]): string {
  const lines: string[] = []
  for (const action of actions) {
    lines.push(`${action.module.padEnd(8)} ${action.name}`)
    const width = Math.max(0, ...action.params.map((p) => p.name.length))
    for (const p of action.params) lines.push(`           ${p.name.padEnd(width)}  ${p.type}${p.required ? '  (required)' : ''}`)
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : ''
}
