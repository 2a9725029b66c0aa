// What an action is: its literal API name, its parameter schema (the single source of truth for
// validation, the handler's types and CLI help), and a handler that runs inside one transaction.
import type { Static, TObject } from 'typebox'
import type { FastifyBaseLogger } from 'fastify'
import type { Clock } from '../lib/clock.ts'
import type { IdGenerator } from '../lib/ids.ts'
import type { Tx } from '../store/database.ts'
import type { Capabilities } from '../store/dialects.ts'
import { paramReader, type ParamReader } from './validate.ts'

export interface Caller {
  user_id: string
  role: 'admin' | 'user'
  access_key_id: string
}

export interface ActionContext {
  /** The action's transaction: everything it writes commits or rolls back together. */
  db: Tx
  caps: Capabilities
  clock: Clock
  ids: IdGenerator
  caller: Caller
  /** The validated `zone` of a zone-scoped action; '' for global ones. */
  zone: string
  requestId: string
  log: FastifyBaseLogger
}

/**
 * zone: 'required' – the action works inside one zone, `zone` must name an offered zone;
 * 'none' – the action is global (DescribeZones) and ignores `zone` (the Python SDK always sends it).
 */
export type ZoneScope = 'required' | 'none'

export interface ActionDefinition<P extends TObject> {
  name: string
  params: P
  zone?: ZoneScope
  handle(params: Static<P>, ctx: ActionContext): Promise<Record<string, unknown>>
}

export interface Action<P extends TObject = TObject> extends ActionDefinition<P> {
  zone: ZoneScope
  read: ParamReader<P>
}

export function defineAction<P extends TObject>(definition: ActionDefinition<P>): Action<P> {
  return { zone: 'required', ...definition, read: paramReader(definition.params) }
}
