// Fills a fresh store with instance rows before a bench server starts on it, so the
// DescribeInstances scenarios page over a store the size of a large tenant (1,000,000 rows). The
// store is prepared exactly as `qinglocal serve` would (migrations, then bootstrap with the default
// zones and hosts); then the rows go in through the driver itself in big statements inside one
// transaction (SQLite: a prepared multi-row INSERT; PostgreSQL: INSERT … SELECT FROM unnest of one
// array per column), because RunInstances would take days for a million. The kept counts
// (migration 0020) are kept by the store's own triggers during the insert, as for any write.
//
// Rows look like what RunInstances and the lifecycle actions leave behind: the zone's instance
// types and system images, spread over hosts, mostly running, some stopped, and some terminated
// and ceased (which a plain DescribeInstances must filter out). Host capacity is not charged for them: the
// bench only reads. Every 1000th of the listed rows carries the tag `bench-tagged`.
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { bootstrap, loadMasterKey } from '../src/bootstrap.ts'
import { loadConfig } from '../src/config.ts'
import { hostId } from '../src/features/hosts/host-repo.ts'
import { foldCounts } from '../src/features/resources/resource-counts.ts'
import { formatTime, systemClock } from '../src/lib/clock.ts'
import { idGenerator, seededIdGenerator } from '../src/lib/ids.ts'
import type { InstanceTable } from '../src/store/database.ts'
import { parseDatabaseUrl } from '../src/store/database-url.ts'
import { openStore } from '../src/store/store.ts'

export interface SeedPlan {
  /** The bootstrap user's instances in the first zone: what the scenarios list. */
  mine: number
  /** The same user's instances in the second zone (same owner, other zone: filtered by zone). */
  mineOtherZone: number
  /** The bootstrap admin's instances in the first zone (same zone, other owner: filtered by owner). */
  others: number
}

export interface SeedResult extends SeedPlan {
  total: number
  /** Rows a plain DescribeInstances of the user in the first zone counts (not terminated). */
  visible: number
  /** …of those, stopped ones (the status scenario). */
  stopped: number
  /** …of those, of `instanceType` (the instance_type scenario). */
  ofType: number
  instanceType: string
  /** …of those, tagged `bench-tagged` (the tags scenario), and that tag's id. */
  tagged: number
  tagId: string
  /** …of those, whose name contains `searchWord`. */
  matching: number
  searchWord: string
  seconds: number
  /** One line for the bench log. */
  summary: string
}

const COLUMNS = [
  'instance_id',
  'zone_id',
  'owner',
  'instance_name',
  'description',
  'instance_type',
  'instance_class',
  'vcpus_current',
  'memory_current',
  'image_id',
  'os_disk_size',
  'os_disk_encryption',
  'login_mode',
  'hostname',
  'host_machine',
  'cpu_model',
  'graphics_passwd',
  'security_group_id',
  'status',
  'transition_status',
  'create_time',
  'status_time',
] as const satisfies readonly (keyof InstanceTable)[]
const INTEGER_COLUMNS = new Set<string>(['instance_class', 'vcpus_current', 'memory_current', 'os_disk_size', 'os_disk_encryption'])

// SQLite: 1000 rows × 22 values per statement (its limit is 32766 values); PostgreSQL: 20,000 rows per unnest
const SQLITE_BATCH = 1000
const PG_BATCH = 20_000
const SEARCH_WORD = 'bench-0001' // names bench-000100 … bench-000199 and bench-0001000 …: a few hundred rows

/** `databaseUrl`: the store to fill (default: the data directory's SQLite file, as serve uses). */
export async function seedInstances(dataDir: string, plan: SeedPlan, databaseUrl?: string): Promise<SeedResult> {
  const started = performance.now()
  const config = loadConfig({ env: { QINGLOCAL_DATA: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) } })
  const store = await openStore(config.databaseUrl)
  let user: string
  let admin: string
  let home: string
  let away: string
  let types: { instance_type_id: string; vcpus_current: number; memory_current: number }[]
  let images: { image_id: string; size: number }[]
  try {
    await store.migrate()
    const credentials = await bootstrap(store, { box: loadMasterKey(config.dataDir), clock: systemClock, ids: idGenerator(), zones: config.zones, hosts: config, bootstrapBalance: config.bootstrapBalance, eipPoolSize: config.eipPoolSize })
    const u = credentials.find((c) => c.role === 'user')?.user_id
    const a = credentials.find((c) => c.role === 'admin')?.user_id
    if (!u || !a) throw new Error('bootstrap did not create the user and admin accounts')
    ;[user, admin] = [u, a]
    const [h, w] = config.zones
    if (!h || !w) throw new Error('the default configuration should offer two zones')
    ;[home, away] = [h, w]
    types = await store.db.selectFrom('instance_types').select(['instance_type_id', 'vcpus_current', 'memory_current']).where('zone_id', '=', home).orderBy('instance_type_id').execute()
    images = await store.db.selectFrom('images').select(['image_id', 'size']).where('zone_id', '=', home).where('platform', '=', 'linux').orderBy('image_id').execute()
    if (types.length === 0 || images.length === 0) throw new Error(`zone ${home} has no instance types or images to seed instances from`)
  } finally {
    await store.close()
  }

  // repeatable ids in the shape RunInstances gives; a clash would fail the primary key loudly
  const ids = seededIdGenerator(20260101)
  const newest = systemClock.now().getTime() - 60_000
  const now = formatTime(systemClock.now())
  const instanceType = types[1 % types.length]!.instance_type_id
  const tagId = 'tag-benchtag'
  const tagged: string[] = []
  let n = 0
  let visible = 0
  let stopped = 0
  let ofType = 0
  let matching = 0
  const row = (owner: string, zone_id: string): unknown[] => {
    const i = n++
    const type = types[i % types.length]!
    const image = images[(i >> 3) % images.length]!
    // one a minute back from now: every create_time differs, so paging order is the index order
    const created = formatTime(new Date(newest - i * 60_000))
    // gone rows: most ceased long ago, some terminated within the recycle bin's two hours (so no
    // sweep moves them while the bench runs)
    const status = i % 19 === 0 ? (i % 38 === 0 ? 'terminated' : 'ceased') : i % 7 === 0 ? 'stopped' : 'running'
    const id = ids.resource('i')
    const name = `bench-${String(i).padStart(6, '0')}`
    if (owner === user && zone_id === home && status !== 'terminated' && status !== 'ceased') {
      visible++
      if (status === 'stopped') stopped++
      if (type.instance_type_id === instanceType) ofType++
      if (name.includes(SEARCH_WORD)) matching++
      if (visible % 1000 === 0) tagged.push(id)
    }
    return [
      id,
      zone_id,
      owner,
      name,
      i % 5 === 0 ? `seeded row ${i}` : null,
      type.instance_type_id,
      0,
      type.vcpus_current,
      type.memory_current,
      image.image_id,
      image.size,
      0,
      i % 3 === 0 ? 'keypair' : 'passwd',
      `bench-${i}`,
      status === 'running' || status === 'stopped' ? hostId(zone_id, (i % config.hostsPerZone) + 1) : '',
      'Westmere',
      ids.resource('g', 16).slice(2),
      '',
      status,
      '',
      created,
      status === 'terminated' ? now : created,
    ]
  }
  const groups: [owner: string, zone: string, count: number][] = [
    [user, home, plan.mine],
    [user, away, plan.mineOtherZone],
    [admin, home, plan.others],
  ]
  function* batches(size: number): Generator<unknown[][]> {
    for (const [owner, zone, count] of groups) {
      for (let done = 0; done < count; done += size) yield Array.from({ length: Math.min(size, count - done) }, () => row(owner, zone))
    }
  }
  const tagRow = [tagId, user, 'bench-tagged', null, '#9f9f9f', now]
  const total = plan.mine + plan.mineOtherZone + plan.others

  const parsed = parseDatabaseUrl(config.databaseUrl)
  if (parsed?.kind === 'sqlite') {
    const db = new SQLite(parsed.file)
    try {
      db.pragma('journal_mode = WAL')
      const statement = (rows: number) => db.prepare(`insert into instances (${COLUMNS.join(', ')}) values ${Array.from({ length: rows }, () => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ')}`)
      const full = statement(SQLITE_BATCH)
      // one transaction: one fsync for the lot instead of one per batch
      db.transaction(() => {
        for (const batch of batches(SQLITE_BATCH)) (batch.length === SQLITE_BATCH ? full : statement(batch.length)).run(batch.flat())
        db.prepare('insert into tags (tag_id, owner, tag_name, description, color, create_time) values (?, ?, ?, ?, ?, ?)').run(tagRow)
        const bind = db.prepare(`insert into resource_tags (tag_id, resource_id, resource_type, owner, create_time) values (?, ?, 'instance', ?, ?)`)
        for (const id of tagged) bind.run(tagId, id, user, now)
      })()
      db.exec('analyze')
      const counted = (db.prepare('select count(*) as n from instances').get() as { n: number }).n
      if (counted !== total) throw new Error(`seeded ${counted} instances, expected ${total}`)
    } finally {
      db.close()
    }
  } else {
    const client = new pg.Client({ connectionString: config.databaseUrl })
    await client.connect()
    try {
      await client.query('begin')
      const casts = COLUMNS.map((c, k) => `$${k + 1}::${INTEGER_COLUMNS.has(c) ? 'integer' : 'text'}[]`)
      const text = `insert into instances (${COLUMNS.join(', ')}) select * from unnest(${casts.join(', ')})`
      for (const batch of batches(PG_BATCH))
        await client.query(
          text,
          COLUMNS.map((_, k) => batch.map((r) => r[k])),
        )
      await client.query('insert into tags (tag_id, owner, tag_name, description, color, create_time) values ($1, $2, $3, $4, $5, $6)', tagRow)
      await client.query(`insert into resource_tags (tag_id, resource_id, resource_type, owner, create_time) select $1, unnest($2::text[]), 'instance', $3, $4`, [tagId, tagged, user, now])
      await client.query('commit')
      // the statement triggers appended one delta row per key and batch: fold them as the sweep would
      const folding = await openStore(config.databaseUrl)
      try {
        await foldCounts(folding.db)
      } finally {
        await folding.close()
      }
      // fresh statistics and a visibility map, so the planner picks the indexes and index-only scans
      await client.query('vacuum analyze instances')
      await client.query('vacuum analyze resource_counts')
      const counted = Number((await client.query('select count(*) as n from instances')).rows[0].n)
      if (counted !== total) throw new Error(`seeded ${counted} instances, expected ${total}`)
    } finally {
      await client.end()
    }
  }
  const seconds = (performance.now() - started) / 1000
  return {
    ...plan,
    total,
    visible,
    stopped,
    ofType,
    instanceType,
    tagged: tagged.length,
    tagId,
    matching,
    searchWord: SEARCH_WORD,
    seconds,
    summary: `seeded ${total} instances on ${parsed?.kind}, ${visible} listed by the scenarios, in ${seconds.toFixed(1)} s`,
  }
}
