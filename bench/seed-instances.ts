// Fills a fresh data directory with instance rows before a bench server starts on it, so the
// DescribeInstances scenario pages over a store the size of a large tenant. The store is prepared
// exactly as `qinglocal serve` would (migrations, then bootstrap with the default zones and hosts),
// then the rows go in straight through Kysely: RunInstances would take hours for 100,000.
//
// Rows look like what RunInstances and the lifecycle actions leave behind: the zone's instance
// types and system images, spread over hosts, mostly running, some stopped, and some terminated
// (which a plain DescribeInstances must filter out). Host capacity is not charged for them: the
// bench only reads.
import { bootstrap, loadMasterKey } from '../src/bootstrap.ts'
import { loadConfig } from '../src/config.ts'
import { hostId } from '../src/features/hosts/host-repo.ts'
import { formatTime, systemClock } from '../src/lib/clock.ts'
import { idGenerator, seededIdGenerator } from '../src/lib/ids.ts'
import type { InstanceTable } from '../src/store/database.ts'
import { openStore } from '../src/store/store.ts'

export interface SeedPlan {
  /** The bootstrap user's instances in the first zone: what the scenario lists. */
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
  seconds: number
  /** One line for the bench log. */
  summary: string
}

// one INSERT carries BATCH × 21 bound values; SQLite allows 32766 per statement
const BATCH = 1000

export async function seedInstances(dataDir: string, plan: SeedPlan): Promise<SeedResult> {
  const started = performance.now()
  // the configuration serve() will use for this directory: the same database file, zones, hosts
  const config = loadConfig({ env: { QINGLOCAL_DATA: dataDir } })
  const store = await openStore(config.databaseUrl)
  try {
    await store.migrate()
    const credentials = await bootstrap(store, { box: loadMasterKey(config.dataDir), clock: systemClock, ids: idGenerator(), zones: config.zones, hosts: config, bootstrapBalance: config.bootstrapBalance, eipPoolSize: config.eipPoolSize })
    const user = credentials.find((c) => c.role === 'user')?.user_id
    const admin = credentials.find((c) => c.role === 'admin')?.user_id
    if (!user || !admin) throw new Error('bootstrap did not create the user and admin accounts')
    const [home, away] = config.zones
    if (!home || !away) throw new Error('the default configuration should offer two zones')

    const types = await store.db.selectFrom('instance_types').selectAll().where('zone_id', '=', home).orderBy('instance_type_id').execute()
    const images = await store.db.selectFrom('images').selectAll().where('zone_id', '=', home).where('platform', '=', 'linux').orderBy('image_id').execute()
    if (types.length === 0 || images.length === 0) throw new Error(`zone ${home} has no instance types or images to seed instances from`)

    // repeatable ids in the shape RunInstances gives; a clash would fail the primary key loudly
    const ids = seededIdGenerator(20260101)
    const newest = systemClock.now().getTime() - 60_000
    let n = 0
    let visible = 0
    const row = (owner: string, zone_id: string): InstanceTable => {
      const i = n++
      const type = types[i % types.length]!
      const image = images[(i >> 3) % images.length]!
      // one a minute back from now: every create_time differs, so paging order is the index order
      const created = formatTime(new Date(newest - i * 60_000))
      const status = i % 20 === 0 ? 'terminated' : i % 7 === 0 ? 'stopped' : 'running'
      if (owner === user && zone_id === home && status !== 'terminated') visible++
      return {
        instance_id: ids.resource('i'),
        zone_id,
        owner,
        instance_name: `bench-${String(i).padStart(6, '0')}`,
        description: i % 5 === 0 ? `seeded row ${i}` : null,
        instance_type: type.instance_type_id,
        instance_class: 0,
        vcpus_current: type.vcpus_current,
        memory_current: type.memory_current,
        image_id: image.image_id,
        os_disk_size: image.size,
        os_disk_encryption: 0,
        login_mode: i % 3 === 0 ? 'keypair' : 'passwd',
        hostname: `bench-${i}`,
        host_machine: status === 'terminated' ? '' : hostId(zone_id, (i % config.hostsPerZone) + 1),
        cpu_model: 'Westmere',
        graphics_passwd: ids.resource('g', 16).slice(2),
        security_group_id: '',
        status,
        transition_status: '',
        create_time: created,
        status_time: created,
      }
    }

    const groups: [owner: string, zone: string, count: number][] = [
      [user, home, plan.mine],
      [user, away, plan.mineOtherZone],
      [admin, home, plan.others],
    ]
    // one transaction: one fsync for the lot instead of one per batch
    await store.db.transaction().execute(async (tx) => {
      for (const [owner, zone, count] of groups) {
        for (let done = 0; done < count; done += BATCH) {
          const batch = Array.from({ length: Math.min(BATCH, count - done) }, () => row(owner, zone))
          await tx.insertInto('instances').values(batch).execute()
        }
      }
    })
    const total = plan.mine + plan.mineOtherZone + plan.others
    const counted = await store.db
      .selectFrom('instances')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    if (Number(counted.n) !== total) throw new Error(`seeded ${String(counted.n)} instances, expected ${total}`)
    const seconds = (performance.now() - started) / 1000
    return { ...plan, total, visible, seconds, summary: `seeded ${total} instances, ${visible} listed by the scenario, in ${seconds.toFixed(1)} s` }
  } finally {
    await store.close()
  }
}
