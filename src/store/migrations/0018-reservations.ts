// Reservations (issue 15): quota a pending job will hold when it settles (a resize's growth), as
// rows written in the request's transaction and deleted when the job ends (successful or failed),
// so quota usage is rows counted + reservations and no feature parses another's job payloads.
// Resize jobs pending at migration time get their reservations from their payloads, once, here.
import type { Kysely } from 'kysely'

interface Plan {
  vcpus_current: number
  memory_current: number
  from: { cpu: number; memory: number }
}

interface Row {
  job_id: string
  user_id: string
  zone_id: string
  resource_type: string
  amount: number
  create_time: string
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reservations')
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('zone_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('create_time', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reservations_pk', ['job_id', 'resource_type'])
    .execute()
  await db.schema.createIndex('reservations_user_zone').on('reservations').columns(['user_id', 'zone_id']).execute()

  // the payload shapes of migration time (instances/resize.ts plans; ResizeVolumes' size)
  const old = db as Kysely<{
    jobs: { job_id: string; job_action: string; status: string; owner: string; zone_id: string; resource_ids: string; payload: string; create_time: string }
    volumes: { volume_id: string; size: number }
    reservations: Row
  }>
  const jobs = await old
    .selectFrom('jobs')
    .select(['job_id', 'job_action', 'owner', 'zone_id', 'resource_ids', 'payload', 'create_time'])
    .where('job_action', 'in', ['ResizeInstances', 'ResizeCluster', 'ResizeVolumes'])
    .where('status', 'in', ['pending', 'working'])
    .execute()
  for (const job of jobs) {
    const payload = JSON.parse(job.payload) as { plans?: Plan[]; size?: number }
    const amounts: Record<string, number> = {}
    if (job.job_action === 'ResizeVolumes') {
      const ids = job.resource_ids.split(' ').filter(Boolean)
      const volumes = ids.length ? await old.selectFrom('volumes').select('size').where('volume_id', 'in', ids).execute() : []
      amounts.volume_size = volumes.reduce((n, v) => n + Math.max(0, Number(payload.size) - Number(v.size)), 0)
    } else {
      amounts.cpu = (payload.plans ?? []).reduce((n, p) => n + Math.max(0, p.vcpus_current - p.from.cpu), 0)
      amounts.memory = (payload.plans ?? []).reduce((n, p) => n + Math.max(0, p.memory_current - p.from.memory), 0)
    }
    const rows = Object.entries(amounts)
      .filter(([, amount]) => amount > 0)
      .map(([resource_type, amount]) => ({ job_id: job.job_id, resource_type, user_id: job.owner, zone_id: job.zone_id, amount, create_time: job.create_time }))
    if (rows.length) await old.insertInto('reservations').values(rows).execute()
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reservations').execute()
}
