// The apps QingLocal ships, so a fresh platform can deploy clusters at once: a Redis cluster (two
// versions) and a ZooKeeper ensemble. Their nodes run system images; a zone added later gets the
// images on the next start (one marker per zone, so an administrator's changes stay).
import { formatTime } from '../../lib/clock.ts'
import type { Queryable } from '../../store/database.ts'
import { addSetting, readSetting } from '../../store/settings.ts'
import type { AppTemplate } from './template.ts'

interface SeedVersion {
  version_id: string
  name: string
  description: string
  template: AppTemplate
  /** Each role's image, the same in every zone. */
  image: string
}

interface SeedApp {
  app_id: string
  app_name: string
  category: string
  description: string
  abstraction: string
  versions: SeedVersion[]
}

const SMALL_SHAPES = [
  { cpu: 1, memory: 1024 },
  { cpu: 1, memory: 2048 },
  { cpu: 2, memory: 2048 },
  { cpu: 2, memory: 4096 },
  { cpu: 4, memory: 8192 },
]

const redisTemplate = (maxmemoryPolicies: string[]): AppTemplate => ({
  roles: [
    { role: 'master', description: 'holds the hash slots', shapes: SMALL_SHAPES, count: { min: 3, max: 10, default: 3 }, volume_size: { min: 10, max: 500, default: 10 } },
    { role: 'replica', description: 'copies of the masters', shapes: SMALL_SHAPES, count: { min: 0, max: 30, default: 3 }, volume_size: { min: 10, max: 500, default: 10 } },
  ],
  env: [
    { key: 'port', type: 'integer', description: 'the port clients connect to', min: 1024, max: 65535, default: 6379, required: false },
    { key: 'maxmemory-policy', type: 'string', range: maxmemoryPolicies, default: 'volatile-lru', required: false },
    { key: 'appendonly', type: 'boolean', default: true, required: false },
    { key: 'timeout', type: 'integer', description: 'seconds before an idle client is closed; 0 never', min: 0, max: 86400, default: 0, required: false },
    { key: 'requirepass', type: 'password', description: 'clients authenticate with it; none when empty', pattern: '|[A-Za-z0-9!@#%^&*_+=-]{8,64}', default: '', required: false },
  ],
  endpoints: { client: { port: 6379, protocol: 'tcp' } },
})

export const SEEDED_APPS: readonly SeedApp[] = [
  {
    app_id: 'app-rediscls',
    app_name: 'Redis Cluster',
    category: 'database',
    description: 'Redis in cluster mode: masters sharing the hash slots, each with replicas.',
    abstraction: 'In-memory key-value store, sharded',
    versions: [
      {
        version_id: 'appv-redis624',
        name: 'Redis 6.2.14',
        description: 'Redis 6.2 in cluster mode',
        template: redisTemplate(['volatile-lru', 'allkeys-lru', 'volatile-lfu', 'allkeys-lfu', 'volatile-random', 'allkeys-random', 'volatile-ttl', 'noeviction']),
        image: 'ubuntu2204x64',
      },
      {
        version_id: 'appv-redis705',
        name: 'Redis 7.0.15',
        description: 'Redis 7.0 in cluster mode',
        template: redisTemplate(['volatile-lru', 'allkeys-lru', 'volatile-lfu', 'allkeys-lfu', 'volatile-random', 'allkeys-random', 'volatile-ttl', 'noeviction']),
        image: 'ubuntu2204x64',
      },
    ],
  },
  {
    app_id: 'app-zookeepr',
    app_name: 'ZooKeeper',
    category: 'middleware',
    description: 'A ZooKeeper ensemble for coordination, configuration and leader election.',
    abstraction: 'Distributed coordination service',
    versions: [
      {
        version_id: 'appv-zookp385',
        name: 'ZooKeeper 3.8.5',
        description: 'ZooKeeper 3.8 ensemble',
        template: {
          roles: [{ role: 'zk_node', description: 'ensemble member', shapes: SMALL_SHAPES, count: { min: 1, max: 9, default: 3 }, volume_size: { min: 10, max: 200, default: 10 } }],
          env: [
            { key: 'tickTime', type: 'integer', description: 'milliseconds of one tick', min: 1000, max: 10000, default: 2000, required: false },
            { key: 'initLimit', type: 'integer', min: 1, max: 100, default: 10, required: false },
            { key: 'syncLimit', type: 'integer', min: 1, max: 100, default: 5, required: false },
            { key: 'maxClientCnxns', type: 'integer', min: 0, max: 10000, default: 1000, required: false },
            { key: 'autopurge.purgeInterval', type: 'integer', description: 'hours between purges; 0 never', min: 0, max: 720, default: 24, required: false },
          ],
          endpoints: { client: { port: 2181, protocol: 'tcp' } },
        },
        image: 'centos79x64',
      },
    ],
  },
]

const SYSTEM_OWNER = 'system'
const seededMarker = (zone: string) => `apps_seeded:${zone}`

/** Writes the shipped apps once, and their role images once per zone. */
export async function seedApps(db: Queryable, zones: readonly string[], now: Date): Promise<void> {
  const time = formatTime(now)
  if ((await readSetting(db, 'apps_seeded')) === undefined) {
    for (const app of SEEDED_APPS) {
      await db
        .insertInto('apps')
        .values({
          app_id: app.app_id,
          app_name: app.app_name,
          app_type: 'cluster',
          category: app.category,
          description: app.description,
          abstraction: app.abstraction,
          owner: SYSTEM_OWNER,
          visibility: 'public',
          status: 'active',
          create_time: time,
          status_time: time,
        })
        .execute()
      for (const v of app.versions) {
        await db
          .insertInto('app_versions')
          .values({ version_id: v.version_id, app_id: app.app_id, name: v.name, description: v.description, template: JSON.stringify(v.template), owner: SYSTEM_OWNER, status: 'active', create_time: time, status_time: time })
          .execute()
      }
    }
    await addSetting(db, 'apps_seeded', time)
  }
  for (const zone_id of zones) {
    if ((await readSetting(db, seededMarker(zone_id))) !== undefined) continue
    const rows = SEEDED_APPS.flatMap((app) => app.versions.flatMap((v) => v.template.roles.map((r) => ({ version_id: v.version_id, role: r.role, zone_id, image_id: v.image }))))
    await db
      .insertInto('app_version_images')
      .values(rows)
      .onConflict((oc) => oc.columns(['version_id', 'role', 'zone_id']).doNothing())
      .execute()
    await addSetting(db, seededMarker(zone_id), time)
  }
}
