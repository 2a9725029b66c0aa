// An API module: the first path segment of a request and the actions it answers. The list of modules
// is the composition root's (src/modules.ts); protocol/ only knows the shape and how a path finds one.
import type { Action, AuthMode } from './action.ts'

export interface ApiModule {
  /** First path segment: `/iaas/` and `/iaas` both name module `iaas`. */
  name: string
  /** How callers of its actions prove who they are, unless an action says otherwise. */
  auth: AuthMode
  actions: ReadonlyMap<string, Action>
}

/** A module of `actions`; an action named twice is a wiring mistake, caught at start-up. */
export function moduleOf(name: string, actions: Action[], auth: AuthMode = 'signature'): ApiModule {
  const map = new Map<string, Action>()
  for (const action of actions) {
    if (map.has(action.name)) throw new Error(`action ${action.name} is registered twice in module ${name}`)
    map.set(action.name, action)
  }
  return { name, auth, actions: map }
}

/**
 * `/iaas/` (docs, Python SDK, CLI) and `/iaas` (Go SDK) name the module `iaas`; repeated slashes
 * collapse, as the Go SDK does with its configured URI. Anything else names no module.
 */
export function findModule(path: string, registry: readonly ApiModule[]): ApiModule | undefined {
  const segments = path.split('/').filter(Boolean)
  if (segments.length !== 1) return undefined
  return registry.find((m) => m.name === segments[0])
}
