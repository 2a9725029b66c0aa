// An app version's configuration template: what a deployment of it may ask for. Its roles (each
// with the CPU/memory shapes it is offered in, a node-count range and optionally a node storage
// range), its typed environment parameters, and per role the image its nodes run in each zone.
// The deploy-time checks are in clusters/conf.ts; this file parses and checks a template when an
// administrator publishes a version (1100, naming the field).
import { ApiError } from '../../errors.ts'
import { CPU_CHOICES, MEMORY_CHOICES } from '../instance-types/instance-type.ts'

export const ENV_TYPES = ['string', 'integer', 'number', 'boolean', 'password', 'accesskey'] as const
export type EnvType = (typeof ENV_TYPES)[number]
export type EnvValue = string | number | boolean | { access_key_id: string }

export interface EnvParam {
  key: string
  type: EnvType
  description?: string
  default?: EnvValue
  /** The values allowed (strings and numbers); any value of the type when absent. */
  range?: Array<string | number>
  min?: number
  max?: number
  /** A regular expression a string or password must match in full. */
  pattern?: string
  required: boolean
}

export interface NodeShape {
  cpu: number
  memory: number // MB
}

export interface Range {
  min: number
  max: number
  default: number
}

export interface RoleTemplate {
  role: string
  description?: string
  /** The offered CPU/memory combinations; the first is the default. */
  shapes: NodeShape[]
  count: Range
  /** GB of storage per node; a role without it takes none. */
  volume_size?: Range
}

export interface AppTemplate {
  roles: RoleTemplate[]
  env: EnvParam[]
  /** What clients connect to, shown on the cluster: `{"client": {"port": 6379, "protocol": "tcp"}}`. */
  endpoints: Record<string, { port: number; protocol: string }>
}

/** A role's image in a zone, kept beside the template (app_version_images). */
export interface RoleImage {
  role: string
  zone_id: string
  image_id: string
}

/** Keys of a conf's `cluster` section that are settings of the cluster, so never role names. */
export const CLUSTER_KEYS = ['name', 'description', 'vxnet', 'global_uuid', 'zone', 'auto_backup_time'] as const

const ROLE_NAME = /^[a-z][a-z0-9_-]{0,31}$/
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/
const MAX_NODES_PER_ROLE = 100

type Json = Record<string, unknown>

function fail(path: string, problem: string): never {
  throw new ApiError('InvalidRequestFormat', `parameter template.${path} ${problem}`)
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)

function intAt(obj: Json, key: string, path: string, min = 0): number {
  const v = obj[key]
  if (!isInt(v)) fail(`${path}.${key}`, 'should be integer')
  if (v < min) fail(`${path}.${key}`, `should be at least ${min}`)
  return v
}

function optionalString(obj: Json, key: string, path: string): string | undefined {
  const v = obj[key]
  if (v === undefined) return undefined
  if (typeof v !== 'string') fail(`${path}.${key}`, 'should be string')
  return v
}

function rangeAt(obj: Json, key: string, path: string, limit: number): Range {
  const v = obj[key]
  if (!isObject(v)) fail(`${path}.${key}`, 'should be an object with min, max and default')
  const range = { min: intAt(v, 'min', `${path}.${key}`), max: intAt(v, 'max', `${path}.${key}`), default: intAt(v, 'default', `${path}.${key}`) }
  if (range.max > limit) fail(`${path}.${key}.max`, `should be at most ${limit}`)
  if (!(range.min <= range.default && range.default <= range.max)) fail(`${path}.${key}`, 'should have min <= default <= max')
  return range
}

function parseRole(v: unknown, path: string, zones: readonly string[], images: RoleImage[]): RoleTemplate {
  if (!isObject(v)) fail(path, 'should be an object')
  const role = v.role
  if (typeof role !== 'string' || !ROLE_NAME.test(role)) fail(`${path}.role`, 'should be a name of lower-case letters, digits, - and _ starting with a letter')
  if ((CLUSTER_KEYS as readonly string[]).includes(role)) fail(`${path}.role`, `can not be [${role}], a cluster setting`)
  if (!Array.isArray(v.shapes) || v.shapes.length === 0) fail(`${path}.shapes`, 'should list at least one {cpu, memory}')
  const shapes = v.shapes.map((s, i): NodeShape => {
    const at = `${path}.shapes.${i + 1}`
    if (!isObject(s)) fail(at, 'should be an object with cpu and memory')
    const cpu = intAt(s, 'cpu', at)
    const memory = intAt(s, 'memory', at)
    if (!(CPU_CHOICES as readonly number[]).includes(cpu)) fail(`${at}.cpu`, `should be one of [${CPU_CHOICES.join(', ')}]`)
    if (!(MEMORY_CHOICES as readonly number[]).includes(memory)) fail(`${at}.memory`, `should be one of [${MEMORY_CHOICES.join(', ')}]`)
    return { cpu, memory }
  })
  const count = rangeAt(v, 'count', path, MAX_NODES_PER_ROLE)
  const volume = v.volume_size === undefined ? undefined : rangeAt(v, 'volume_size', path, 10_000)
  if (v.images !== undefined) {
    if (!isObject(v.images)) fail(`${path}.images`, 'should map zone ids to image ids')
    for (const [zone, image] of Object.entries(v.images)) {
      if (!zones.includes(zone)) fail(`${path}.images.${zone}`, `names no zone of this platform (${zones.join(', ')})`)
      if (typeof image !== 'string' || image === '') fail(`${path}.images.${zone}`, 'should be an image id')
      images.push({ role, zone_id: zone, image_id: image })
    }
  }
  const description = optionalString(v, 'description', path)
  return { role, ...(description === undefined ? {} : { description }), shapes, count, ...(volume ? { volume_size: volume } : {}) }
}

function parseEnvParam(v: unknown, path: string): EnvParam {
  if (!isObject(v)) fail(path, 'should be an object')
  const key = v.key
  if (typeof key !== 'string' || !ENV_KEY.test(key)) fail(`${path}.key`, 'should be a name of letters, digits, _ . and -')
  const type = v.type as EnvType
  if (!ENV_TYPES.includes(type)) fail(`${path}.type`, `should be one of [${ENV_TYPES.join(', ')}]`)
  const param: EnvParam = { key, type, required: v.required === true || v.required === 'yes' }
  const description = optionalString(v, 'description', path)
  if (description !== undefined) param.description = description
  for (const bound of ['min', 'max'] as const) {
    if (v[bound] === undefined) continue
    if (type !== 'integer' && type !== 'number') fail(`${path}.${bound}`, `only applies to integer and number parameters`)
    if (typeof v[bound] !== 'number') fail(`${path}.${bound}`, 'should be number')
    param[bound] = v[bound]
  }
  if (param.min !== undefined && param.max !== undefined && param.min > param.max) fail(path, 'should have min <= max')
  if (v.range !== undefined) {
    if (!Array.isArray(v.range) || v.range.length === 0 || !v.range.every((x) => typeof x === 'string' || typeof x === 'number')) {
      fail(`${path}.range`, 'should list the allowed values')
    }
    param.range = v.range as Array<string | number>
  }
  const pattern = optionalString(v, 'pattern', path)
  if (pattern !== undefined) {
    try {
      new RegExp(pattern)
    } catch {
      fail(`${path}.pattern`, 'is not a valid regular expression')
    }
    param.pattern = pattern
  }
  if (v.default !== undefined) {
    const problem = checkEnvValue(param, v.default)
    if (problem) fail(`${path}.default`, problem)
    param.default = v.default as EnvValue
  }
  return param
}

/**
 * Why `value` does not fit `param`, in words that follow the parameter's name ("should be
 * integer"), or undefined when it fits. The one check for defaults and for deployments.
 */
export function checkEnvValue(param: EnvParam, value: unknown): string | undefined {
  switch (param.type) {
    case 'integer':
      if (!isInt(value)) return 'should be integer'
      break
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'should be number'
      break
    case 'boolean':
      if (typeof value !== 'boolean') return 'should be true or false'
      break
    case 'string':
    case 'password':
      if (typeof value !== 'string') return 'should be string'
      if (param.pattern !== undefined && !new RegExp(`^(?:${param.pattern})$`).test(value)) return `does not match the pattern ${param.pattern}`
      break
    case 'accesskey':
      if (!isObject(value) || typeof value.access_key_id !== 'string' || Object.keys(value).length !== 1) return 'should be {"access_key_id": "…"}'
      return undefined
  }
  if (typeof value === 'number') {
    if (param.min !== undefined && value < param.min) return `value ${value} is out of range, minimum ${param.min}`
    if (param.max !== undefined && value > param.max) return `value ${value} is out of range, maximum ${param.max}`
  }
  if (param.range && !param.range.includes(value as string | number)) return `value ${JSON.stringify(value)} is not one of [${param.range.join(', ')}]`
  return undefined
}

/**
 * Parses a template as an administrator publishes it (JSON, roles may carry `images`: zone → image
 * id). 1100 naming the first field in error. The images come back apart from the template.
 */
export function parseTemplate(text: string, zones: readonly string[]): { template: AppTemplate; images: RoleImage[] } {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    throw new ApiError('InvalidRequestFormat', `parameter template is not valid JSON: ${(error as Error).message}`)
  }
  if (!isObject(raw)) throw new ApiError('InvalidRequestFormat', 'parameter template should be a JSON object')
  if (!Array.isArray(raw.roles) || raw.roles.length === 0) fail('roles', 'should list at least one role')
  const images: RoleImage[] = []
  const roles = raw.roles.map((r, i) => parseRole(r, `roles.${i + 1}`, zones, images))
  const seen = new Set<string>()
  for (const [i, r] of roles.entries()) {
    if (seen.has(r.role)) fail(`roles.${i + 1}.role`, `repeats the role [${r.role}]`)
    seen.add(r.role)
  }
  if (roles.every((r) => r.count.default === 0)) fail('roles', 'should give at least one role a default count above 0')
  const envRaw = raw.env ?? []
  if (!Array.isArray(envRaw)) fail('env', 'should be a list of parameters')
  const env = envRaw.map((p, i) => parseEnvParam(p, `env.${i + 1}`))
  const keys = new Set<string>()
  for (const [i, p] of env.entries()) {
    if (keys.has(p.key)) fail(`env.${i + 1}.key`, `repeats the parameter [${p.key}]`)
    keys.add(p.key)
  }
  const endpoints: AppTemplate['endpoints'] = {}
  if (raw.endpoints !== undefined) {
    if (!isObject(raw.endpoints)) fail('endpoints', 'should map names to {port, protocol}')
    for (const [name, e] of Object.entries(raw.endpoints)) {
      if (!isObject(e) || !isInt(e.port) || e.port < 1 || e.port > 65535 || typeof e.protocol !== 'string') fail(`endpoints.${name}`, 'should be {port: 1-65535, protocol}')
      endpoints[name] = { port: e.port, protocol: e.protocol }
    }
  }
  return { template: { roles, env, endpoints }, images }
}

/** A stored template (written by parseTemplate, so trusted). */
export function readTemplate(stored: string): AppTemplate {
  return JSON.parse(stored) as AppTemplate
}
