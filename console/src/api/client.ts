// The console's only way to the server: `call<Reply>('iaas', 'DescribeKeyPairs', { ... })`.
// Every request is a form POST to /<module>/ carrying the session cookie (set by Login, HttpOnly,
// SameSite=Strict) and the X-CSRF-Token header; the console never holds an access key.
// Keep the module and action LITERAL at every call site: src/console/console-coverage.ts finds them by
// text to list which API actions the console covers.

export type Module = 'iaas' | 'admin' | 'account'

/** A reply with a non-zero ret_code (code 0: the server could not be reached or answered non-JSON). */
export class ApiFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message)
    this.name = 'ApiFailure'
  }
}

/** Codes the console reacts to by number. */
export const Codes = {
  InvalidRequestFormat: 1100,
  PermissionDenied: 1400,
  LoginFailed: 1600,
  UserNotFound: 1610,
  PasswordNotMatched: 1620,
  UserOrPasswordNotMatched: 1660,
  RegistrationNotFinished: 1661,
  AccessDenied: 1662,
  SessionExpired: 2000,
  ResourceNotFound: 2100,
} as const

/** Actions sent without the CSRF header: they run before a session exists (DescribeMyself fetches the token). */
const NO_CSRF = new Set(['Login', 'Register', 'VerifyEmail', 'ResendVerification', 'RequestPasswordReset', 'ResetPassword', 'DescribeMyself'])

let csrfToken = ''
let currentZone = ''
let sessionEnded: () => void = () => {}

export function setCsrfToken(token: string): void {
  csrfToken = token
}

/** The zone iaas calls go to (the top bar's selector sets it). */
export function setZone(zone: string): void {
  currentZone = zone
}

/** Called when any reply says 2000 SessionExpired or 1662 AccessDenied (banned): the app goes back to sign-in. */
export function onSessionEnded(handler: () => void): void {
  sessionEnded = handler
}

export type Params = Record<string, unknown>

/** QingCloud's flattening: arrays → `x.1`, `x.2`; objects → `x.field`; booleans → 1/0; undefined and null are left out ('' is sent: it clears a description). */
export function flatten(params: Params, into = new URLSearchParams(), prefix = ''): URLSearchParams {
  for (const [key, value] of Object.entries(params)) add(into, prefix === '' ? key : `${prefix}.${key}`, value)
  return into
}

function add(into: URLSearchParams, name: string, value: unknown): void {
  if (value === undefined || value === null) return
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) add(into, `${name}.${i + 1}`, item)
  } else if (typeof value === 'boolean') into.append(name, value ? '1' : '0')
  else if (typeof value === 'object') flatten(value as Params, into, name)
  else into.append(name, String(value))
}

/** An optional form field: '' (left empty) → not sent. */
export function optional(value: string): string | undefined {
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

export interface Reply {
  ret_code: number
  message?: string
  action?: string
}

/** Sends one action; resolves to the reply when ret_code is 0, otherwise throws ApiFailure. */
export async function call<T extends object = Record<string, unknown>>(module: Module, action: string, params: Params = {}): Promise<T & Reply> {
  const body = new URLSearchParams({ action })
  if (module === 'iaas' && currentZone !== '' && params.zone === undefined) body.append('zone', currentZone)
  flatten(params, body)
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' }
  if (!NO_CSRF.has(action) && csrfToken !== '') headers['X-CSRF-Token'] = csrfToken
  let response: Response
  try {
    response = await fetch(`/${module}/`, { method: 'POST', headers, body, credentials: 'same-origin' })
  } catch {
    throw new ApiFailure(0, 'network')
  }
  let reply: T & Reply
  try {
    reply = (await response.json()) as T & Reply
  } catch {
    throw new ApiFailure(0, `HTTP ${response.status}`)
  }
  if (typeof reply.ret_code !== 'number') throw new ApiFailure(0, `HTTP ${response.status}`)
  if (reply.ret_code !== 0) {
    // DescribeMyself at start-up answers 2000 when nobody is signed in: that is not an ending session
    if ((reply.ret_code === Codes.SessionExpired || reply.ret_code === Codes.AccessDenied) && action !== 'Login' && action !== 'DescribeMyself') sessionEnded()
    throw new ApiFailure(reply.ret_code, reply.message ?? '')
  }
  return reply
}
