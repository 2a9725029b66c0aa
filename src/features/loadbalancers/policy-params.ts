// The values policies, their rules and server certificates are written with, shared by the actions
// that write them: names, balance modes, rule types and the rule's pattern check.
import Type from 'typebox'
import { ApiError } from '../../errors.ts'
import { Optional, Str } from '../../protocol/params.ts'
import { blank } from '../resources/wire-values.ts'

export const MAX_NAME_LENGTH = 255
export const MAX_DESCRIPTION_LENGTH = 1024
/** A rule's pattern: a host name or URL path expression, with room to spare. */
export const MAX_RULE_VAL_LENGTH = 1024
/** Rules one request may add. */
export const MAX_RULES_PER_REQUEST = 100

export const OPERATORS = ['and', 'or'] as const
export const BALANCE_MODES = ['roundrobin', 'leastconn', 'source'] as const
export const RULE_TYPES = ['domain', 'url'] as const

export const NameParam = () => Optional(Str({ maxLength: MAX_NAME_LENGTH }))

/** '' (spaces: follow the listener's mode) or one of the balance modes; 1100 naming `parameter` otherwise. */
export function balanceMode(parameter: string, value: string): string {
  const mode = blank(value)
  if (mode !== '' && !(BALANCE_MODES as readonly string[]).includes(mode)) throw new ApiError('InvalidRequestFormat', `unsupported parameter ${parameter} value ${value}, expected one of ${BALANCE_MODES.join(', ')}`)
  return mode
}

/** A rule's `val` is a regular expression the load balancer matches the host or path against: 1100 naming `parameter` when it does not compile. */
export function ruleVal(parameter: string, value: string): string {
  if (value.trim() === '') throw new ApiError('InvalidRequestFormat', `missing parameter ${parameter}`)
  try {
    new RegExp(value)
  } catch (error) {
    throw new ApiError('InvalidRequestFormat', `parameter ${parameter} [${value.length > 64 ? `${value.slice(0, 64)}…` : value}] is not a valid regular expression: ${(error as Error).message}`)
  }
  return value
}

export const RuleTypeParam = () => Type.Union(RULE_TYPES.map((v) => Type.Literal(v)))
