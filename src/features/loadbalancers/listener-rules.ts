// What a listener is and the checks every listener passes, added (AddLoadBalancerListeners) or
// changed (ModifyLoadBalancerListenerAttributes checks the listener as it will be). Values are
// stored exactly as given once valid, because the CCM compares the stored settings with its own on
// every sync and recreates a listener whose echo differs (reference §3.4 step 3). Messages name the
// parameter as the client wrote it (`listeners.2.balance_mode`, or `balance_mode` for a modify).
//
// | field | values | default |
// | listener_protocol | http, https, tcp, ssl (terraform), udp (CCM) | required |
// | backend_protocol | the listener's; https → http or https (CCM sends http), ssl → tcp or ssl | the listener's |
// | balance_mode | roundrobin, leastconn, source | roundrobin |
// | session_sticky | '', insert|T, insert|cookie|T, prefix|cookie, rewrite|cookie, backend|cookie|T (http/https only) | '' |
// | forwardfor | 0–7: 1 X-Forwarded-For, 2 QC-LBID, 4 QC-LBIP | 0 |
// | healthy_check_method | tcp, udp (udp listeners), http|/path[|host] (not udp) | tcp (udp for a udp listener) |
// | healthy_check_option | inter|timeout|fall|rise: 2–60, 5–300, 2–10, 2–10 | 10|5|2|5 |
// | listener_option | 0–1023 (bits) | 0 |
// | tunnel_timeout, timeout | 10–86400 s | 50 |
// | scene | 0, 1, 11 | 0 |
// | server_certificate_id | https and ssl listeners: one or more of the caller's certificates | – |
import Type from 'typebox'
import { ApiError } from '../../errors.ts'
import { Int, Optional, Str } from '../../protocol/params.ts'
import type { LoadBalancerListenerTable } from '../../store/database.ts'
import { blank } from '../resources/wire-values.ts'

export const PROTOCOLS = ['http', 'https', 'tcp', 'ssl', 'udp'] as const
export const BALANCE_MODES = ['roundrobin', 'leastconn', 'source'] as const
export const SCENES = [0, 1, 11] as const
export const DEFAULT_HEALTH_CHECK_OPTION = '10|5|2|5'
export const DEFAULT_TIMEOUT = 50
/** Listeners or backends one request may add. */
export const MAX_PER_REQUEST = 100
export const MAX_NAME_LENGTH = 255

/** The fields a listener is written with (AddLoadBalancerListeners' listeners.N, the modify's own). */
export const LISTENER_SETTINGS = {
  loadbalancer_listener_name: Optional(Str({ maxLength: MAX_NAME_LENGTH })),
  balance_mode: Optional(Str({ maxLength: 32 })),
  session_sticky: Optional(Str({ maxLength: 256 })),
  forwardfor: Optional(Int({ minimum: 0, maximum: 7 })),
  healthy_check_method: Optional(Str({ maxLength: 1024 })),
  healthy_check_option: Optional(Str({ maxLength: 64 })),
  listener_option: Optional(Int({ minimum: 0, maximum: 1023 })),
  tunnel_timeout: Optional(Int({ minimum: 10, maximum: 86400 })),
  timeout: Optional(Int({ minimum: 10, maximum: 86400 })),
  scene: Optional(Int()),
}

/** `a,b` (docs, Go nested), `["a","b"]` (Python nested) or `server_certificate_id.N` (Go's modify). */
export const CertificateIdsParam = () => Optional(Type.Union([Type.String({ maxLength: 4096 }), Type.Array(Type.String({ maxLength: 4096 }))]))

/** A listener's stored settings. */
export type ListenerContent = Pick<
  LoadBalancerListenerTable,
  | 'loadbalancer_listener_name'
  | 'listener_port'
  | 'listener_protocol'
  | 'backend_protocol'
  | 'balance_mode'
  | 'session_sticky'
  | 'forwardfor'
  | 'healthy_check_method'
  | 'healthy_check_option'
  | 'listener_option'
  | 'tunnel_timeout'
  | 'timeout'
  | 'scene'
>

/** Wire name of a field. */
export type FieldNames = (field: string) => string

const invalid = (message: string) => new ApiError('InvalidRequestFormat', message)

function oneOf(value: string, name: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw invalid(`parameter ${name} value ${value} is not supported, it should be one of ${allowed.join(', ')}`)
  return value
}

const isTcpFamily = (protocol: string) => protocol !== 'udp'

/** The backend protocols a listener protocol may forward to (the CCM's https listeners have http backends). */
export function backendProtocolsFor(listenerProtocol: string): string[] {
  if (listenerProtocol === 'https') return ['http', 'https']
  if (listenerProtocol === 'ssl') return ['tcp', 'ssl']
  return [listenerProtocol]
}

export const needsCertificate = (protocol: string) => protocol === 'https' || protocol === 'ssl'

/** The defaults a new listener of `protocol` gets. */
export function listenerDefaults(protocol: string): Omit<ListenerContent, 'listener_port' | 'listener_protocol'> {
  return {
    loadbalancer_listener_name: '',
    backend_protocol: protocol,
    balance_mode: 'roundrobin',
    session_sticky: '',
    forwardfor: 0,
    healthy_check_method: protocol === 'udp' ? 'udp' : 'tcp',
    healthy_check_option: DEFAULT_HEALTH_CHECK_OPTION,
    listener_option: 0,
    tunnel_timeout: DEFAULT_TIMEOUT,
    timeout: DEFAULT_TIMEOUT,
    scene: 0,
  }
}

const COOKIE = /^[A-Za-z0-9!#$%&'*+.^_`~-]{1,128}$/
const SECONDS = /^\d{1,9}$/

function checkSessionSticky(value: string, name: string, protocol: string): string {
  if (value === '') return value
  if (protocol !== 'http' && protocol !== 'https') throw invalid(`parameter ${name} is only for http and https listeners, this one is ${protocol}`)
  const [kind, ...rest] = value.split('|')
  const cookie = (s: string | undefined) => s !== undefined && COOKIE.test(s)
  const seconds = (s: string | undefined) => s !== undefined && SECONDS.test(s)
  const valid =
    (kind === 'insert' && rest.length === 1 && seconds(rest[0])) ||
    (kind === 'insert' && rest.length === 2 && cookie(rest[0]) && seconds(rest[1])) ||
    ((kind === 'prefix' || kind === 'rewrite') && rest.length === 1 && cookie(rest[0])) ||
    (kind === 'backend' && rest.length === 2 && cookie(rest[0]) && seconds(rest[1]))
  if (!valid)
    throw invalid(
      `parameter ${name} value ${value} is not a valid session sticky, it should be insert|<timeout>, insert|<cookie>|<timeout>, prefix|<cookie>, rewrite|<cookie> or backend|<cookie>|<timeout> (timeout in seconds, 0 never expires)`,
    )
  return value
}

const URL_PATH = /^\/[^\s|]*$/
const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/

function checkHealthMethod(value: string, name: string, protocol: string): string {
  if (value === 'tcp') return value
  if (value === 'udp') {
    if (protocol !== 'udp') throw invalid(`parameter ${name} value udp is only for udp listeners, this one is ${protocol}`)
    return value
  }
  const [kind, path, host, ...extra] = value.split('|')
  if (kind === 'http' && path !== undefined && URL_PATH.test(path) && (host === undefined || HOST.test(host)) && extra.length === 0) {
    if (protocol === 'udp') throw invalid(`parameter ${name} value ${value} is not for udp listeners, they check with udp or tcp`)
    return value
  }
  throw invalid(`parameter ${name} value ${value} is not a valid health check method, it should be tcp, udp or http|<path>[|<host>] (like http|/health)`)
}

const HEALTH_OPTION_RANGES: ReadonlyArray<[string, number, number]> = [
  ['inter', 2, 60],
  ['timeout', 5, 300],
  ['fall', 2, 10],
  ['rise', 2, 10],
]

function checkHealthOption(value: string, name: string): string {
  const parts = value.split('|')
  const valid = parts.length === 4 && parts.every((p, i) => /^\d{1,3}$/.test(p) && Number(p) >= HEALTH_OPTION_RANGES[i]![1] && Number(p) <= HEALTH_OPTION_RANGES[i]![2])
  if (!valid)
    throw invalid(
      `parameter ${name} value ${value} is not a valid health check option, it should be inter|timeout|fall|rise with ${HEALTH_OPTION_RANGES.map(([f, lo, hi]) => `${f} ${lo}-${hi}`).join(', ')} (like ${DEFAULT_HEALTH_CHECK_OPTION})`,
    )
  return value
}

/**
 * The listener as it will be stored: every field checked against the protocols (which a listener
 * keeps for life). Throws 1100 naming the first bad field.
 */
export function checkListener(l: ListenerContent, names: FieldNames): ListenerContent {
  oneOf(l.listener_protocol, names('listener_protocol'), PROTOCOLS)
  const backends = backendProtocolsFor(l.listener_protocol)
  if (!backends.includes(l.backend_protocol)) {
    if (!(PROTOCOLS as readonly string[]).includes(l.backend_protocol)) oneOf(l.backend_protocol, names('backend_protocol'), PROTOCOLS)
    throw invalid(`parameter ${names('backend_protocol')} value ${l.backend_protocol} does not fit a ${l.listener_protocol} listener, it should be ${backends.join(' or ')}`)
  }
  oneOf(l.balance_mode, names('balance_mode'), BALANCE_MODES)
  checkSessionSticky(l.session_sticky, names('session_sticky'), l.listener_protocol)
  checkHealthMethod(l.healthy_check_method, names('healthy_check_method'), l.listener_protocol)
  checkHealthOption(l.healthy_check_option, names('healthy_check_option'))
  if (!(SCENES as readonly number[]).includes(l.scene)) throw invalid(`parameter ${names('scene')} value ${l.scene} is not supported, it should be one of ${SCENES.join(', ')}`)
  return l
}

/** A given value, or the old (for a modify) or default one; whitespace only means the default ('' for a name or session sticky). */
export function settingOf(given: string | undefined, old: string, fallback: string): string {
  if (given === undefined) return old
  return blank(given) === '' ? fallback : given
}

/**
 * The certificate ids given (undefined when not given; [] to clear, as `" "` does): each element may
 * itself be a comma list or a JSON array. 1100 naming `name` for a malformed one or one listed twice.
 */
export function parseCertificateIds(value: string | string[] | undefined, name: string): string[] | undefined {
  if (value === undefined) return undefined
  const ids: string[] = []
  for (const item of [value].flat()) {
    const text = item.trim()
    if (text.startsWith('[')) {
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        parsed = undefined
      }
      if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === 'string')) throw invalid(`parameter ${name} value ${text} is not a valid list of server certificate ids`)
      ids.push(...(parsed as string[]).map((p) => p.trim()).filter((p) => p !== ''))
    } else
      ids.push(
        ...text
          .split(',')
          .map((p) => p.trim())
          .filter((p) => p !== ''),
      )
  }
  const seen = new Set<string>()
  for (const id of ids) {
    if (seen.has(id)) throw invalid(`parameter ${name} lists [${id}] more than once`)
    seen.add(id)
  }
  return ids
}

/** The certificates fit the protocol: https and ssl listeners present at least one, the others none. */
export function checkCertificateCount(protocol: string, ids: readonly string[], name: string): void {
  if (needsCertificate(protocol) && ids.length === 0) throw invalid(`missing parameter ${name}, a ${protocol} listener needs a server certificate`)
  if (!needsCertificate(protocol) && ids.length > 0) throw invalid(`parameter ${name} is only for https and ssl listeners, this one is ${protocol}`)
}

/**
 * 2110 when two listeners of one load balancer would take the same port on the same transport
 * (tcp for http, https, tcp and ssl; udp): `taken` are the other listeners, in order.
 */
export function requireFreePorts(
  lbId: string,
  taken: ReadonlyArray<Pick<LoadBalancerListenerTable, 'loadbalancer_listener_id' | 'listener_port' | 'listener_protocol'>>,
  wanted: ReadonlyArray<Pick<ListenerContent, 'listener_port' | 'listener_protocol'>>,
  names: (index: number) => string,
): void {
  const key = (l: { listener_port: number; listener_protocol: string }) => `${isTcpFamily(l.listener_protocol) ? 'tcp' : 'udp'}/${l.listener_port}`
  const used = new Map(taken.map((l) => [key(l), `listener [${l.loadbalancer_listener_id}]`]))
  for (const [i, l] of wanted.entries()) {
    const holder = used.get(key(l))
    if (holder !== undefined) throw new ApiError('ResourceAlreadyExisted', `${names(i)}: ${isTcpFamily(l.listener_protocol) ? 'tcp' : 'udp'} port [${l.listener_port}] of loadbalancer [${lbId}] is already used by ${holder}`)
    used.set(key(l), names(i))
  }
}
