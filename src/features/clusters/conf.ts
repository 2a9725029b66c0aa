// A deployment's configuration file (`conf`, reference 3.14) checked against the version's
// template. The configuration-file codes, in the order they are checked:
//   8004 no conf at all (the action's check);
//   8000 the conf is not JSON, or a value has the wrong type, or an environment parameter is
//        unknown, missing though required, or outside its type, range or pattern;
//   8003 the cluster settings are not possible: no network, an unknown role, a node count outside
//        the role's range, a CPU/memory combination the role is not offered in, storage outside
//        its range, no node at all;
//   8001 / 8002 (deploy action, it needs the store): a role with no image, an image not in the zone.
// Pure functions: no store, no clock.
import { ApiError } from '../../errors.ts'
import { CLUSTER_KEYS, checkEnvValue, type AppTemplate, type EnvValue, type NodeShape, type RoleTemplate } from '../apps/template.ts'

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)

/** What a role's section may hold besides cpu/memory/count/volume_size/instance_class/image: accepted, not used. */
const TOLERATED_ROLE_KEYS = ['loadbalancer', 'gpu', 'gpu_class', 'volume_class', 'replica', 'storage_class']

/** A role as it will be deployed. */
export interface RolePlan {
  role: string
  count: number
  shape: NodeShape
  /** GB of node storage; 0 for a role that takes none. */
  volume_size: number
  instance_class: number
  /** An image the conf names for the role, instead of the version's image in the zone. */
  image?: string
}

export interface ClusterPlan {
  name: string
  description: string
  vxnet: string
  global_uuid: string
  roles: RolePlan[]
  env: Record<string, EnvValue>
}

const invalidParameter = (message: string) => new ApiError('InvalidConfigParameter', message)
export const invalidSetting = (message: string) => new ApiError('InvalidClusterSetting', message)

/** The conf's JSON, an object: 8000 otherwise. */
export function parseConf(text: string): Json {
  let conf: unknown
  try {
    conf = JSON.parse(text)
  } catch (error) {
    throw invalidParameter(`conf is not valid JSON: ${(error as Error).message}`)
  }
  if (!isObject(conf)) throw invalidParameter('conf should be a JSON object with the sections cluster, env and version')
  for (const key of Object.keys(conf)) {
    if (!['cluster', 'env', 'version'].includes(key)) throw invalidParameter(`unknown section [${key}] in conf, expected cluster, env and version`)
  }
  return conf
}

/** Checks and completes the whole conf against `template`: the cluster to create. */
export function planCluster(conf: Json, template: AppTemplate, versionId: string): ClusterPlan {
  if (conf.version !== undefined && conf.version !== versionId) {
    throw invalidParameter(`conf names version [${String(conf.version)}] but version_id is [${versionId}]`)
  }
  const env = resolveEnv(template, conf.env, versionId)
  if (conf.cluster === undefined) throw invalidSetting('conf has no cluster section: the cluster needs at least cluster.vxnet')
  if (!isObject(conf.cluster)) throw invalidParameter('parameter cluster should be an object')
  const cluster = conf.cluster

  const text = (key: string, max: number): string => {
    const v = cluster[key]
    if (v === undefined) return ''
    if (typeof v !== 'string') throw invalidParameter(`parameter cluster.${key} should be string`)
    if (v.length > max) throw invalidParameter(`parameter cluster.${key} is longer than ${max} characters`)
    return v
  }
  const name = text('name', 64)
  const description = text('description', 1024)
  const uuid = cluster.global_uuid
  if (uuid !== undefined && typeof uuid !== 'string' && !isInt(uuid)) throw invalidParameter('parameter cluster.global_uuid should be string')
  const vxnet = text('vxnet', 64)
  if (vxnet === '') throw invalidSetting('missing cluster.vxnet: a cluster needs a network for its nodes')

  const known = new Map(template.roles.map((r) => [r.role, r]))
  for (const [key, value] of Object.entries(cluster)) {
    if ((CLUSTER_KEYS as readonly string[]).includes(key) || known.has(key)) continue
    if (isObject(value)) throw invalidSetting(`unknown role [${key}] in cluster, the roles of ${versionId} are [${[...known.keys()].join(', ')}]`)
    throw invalidParameter(`unknown parameter cluster.${key}`)
  }
  const roles = template.roles.map((role) => planRole(role, cluster[role.role]))
  if (roles.every((r) => r.count === 0)) throw invalidSetting('the cluster would have no node: give at least one role a count above 0')
  return { name, description, vxnet, global_uuid: uuid === undefined ? '' : String(uuid), roles, env }
}

function planRole(role: RoleTemplate, section: unknown): RolePlan {
  const at = `cluster.${role.role}`
  if (section !== undefined && !isObject(section)) throw invalidParameter(`parameter ${at} should be an object`)
  const given = section ?? {}
  for (const key of Object.keys(given)) {
    if (!['cpu', 'memory', 'count', 'volume_size', 'instance_class', 'image', ...TOLERATED_ROLE_KEYS].includes(key)) throw invalidParameter(`unknown parameter ${at}.${key}`)
  }
  const int = (key: string): number | undefined => {
    const v = given[key]
    if (v === undefined) return undefined
    if (!isInt(v)) throw invalidParameter(`parameter ${at}.${key} should be integer`)
    return v
  }
  const [cpu, memory, count, volume, instanceClass] = [int('cpu'), int('memory'), int('count'), int('volume_size'), int('instance_class')]
  if (given.image !== undefined && (typeof given.image !== 'string' || given.image === '')) throw invalidParameter(`parameter ${at}.image should be an image id`)
  if (instanceClass !== undefined && (instanceClass < 0 || instanceClass > 301)) throw invalidParameter(`parameter ${at}.instance_class value ${instanceClass} is out of range`)

  const plan: RolePlan = {
    role: role.role,
    count: count ?? role.count.default,
    shape: offeredShape(role, cpu, memory),
    volume_size: 0,
    instance_class: instanceClass ?? 0,
  }
  requireCount(role, plan.count)
  plan.volume_size = storageSize(role, volume)
  if (typeof given.image === 'string') plan.image = given.image
  return plan
}

/** The role's node count must lie in its range: 8003 otherwise. */
export function requireCount(role: RoleTemplate, count: number): void {
  const { min, max } = role.count
  if (count < min || count > max) throw invalidSetting(`role [${role.role}] takes ${min} to ${max} nodes, not ${count}`)
}

/** The shape asked for (either part defaults to the role's first shape) must be one the role is offered in: 8003. */
export function offeredShape(role: RoleTemplate, cpu: number | undefined, memory: number | undefined): NodeShape {
  const fallback = role.shapes[0]!
  const wanted = { cpu: cpu ?? fallback.cpu, memory: memory ?? fallback.memory }
  const shape = role.shapes.find((s) => s.cpu === wanted.cpu && s.memory === wanted.memory)
  if (!shape) {
    const offered = role.shapes.map((s) => `${s.cpu} CPU/${s.memory} MB`).join(', ')
    throw invalidSetting(`role [${role.role}] is not offered with ${wanted.cpu} CPU and ${wanted.memory} MB, choose one of: ${offered}`)
  }
  return shape
}

/** GB of storage for each node of the role: its default, or a size within its range (8003). */
export function storageSize(role: RoleTemplate, requested: number | undefined): number {
  if (!role.volume_size) {
    if (requested) throw invalidSetting(`role [${role.role}] takes no storage, volume_size must be 0`)
    return 0
  }
  const { min, max } = role.volume_size
  const size = requested ?? role.volume_size.default
  if (size < min || size > max) throw invalidSetting(`role [${role.role}] takes ${min} to ${max} GB of storage, not ${size}`)
  return size
}

/** Every template parameter gets its value or its default: 8000 for what does not fit. */
function resolveEnv(template: AppTemplate, section: unknown, versionId: string): Record<string, EnvValue> {
  if (section !== undefined && !isObject(section)) throw invalidParameter('parameter env should be an object')
  const given = section ?? {}
  const params = new Map(template.env.map((p) => [p.key, p]))
  for (const key of Object.keys(given)) {
    if (!params.has(key)) throw invalidParameter(`unknown parameter env.${key}, ${versionId} takes [${[...params.keys()].join(', ')}]`)
  }
  const env: Record<string, EnvValue> = {}
  for (const param of template.env) {
    const value = given[param.key]
    if (value === undefined) {
      if (param.default !== undefined) env[param.key] = param.default
      else if (param.required) throw invalidParameter(`missing parameter env.${param.key}, required by ${versionId}`)
      continue
    }
    const problem = checkEnvValue(param, value)
    if (problem) throw invalidParameter(`parameter env.${param.key} ${problem}`)
    env[param.key] = value as EnvValue
  }
  return env
}
