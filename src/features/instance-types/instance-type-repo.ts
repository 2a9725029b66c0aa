// Instance type rows, per zone.
import type { Queryable } from '../../store/database.ts'
import { INSTANCE_TYPES } from './instance-type.ts'

export async function seedInstanceTypes(db: Queryable, zones: readonly string[]): Promise<void> {
  const rows = zones.flatMap((zone_id) =>
    INSTANCE_TYPES.map((t) => ({
      ...t,
      zone_id,
      instance_type_name: `${t.vcpus_current} CPU, ${t.memory_current / 1024} GB`,
      description: null,
      status: 'available',
    })),
  )
  if (rows.length > 0)
    await db
      .insertInto('instance_types')
      .values(rows)
      .onConflict((oc) => oc.columns(['zone_id', 'instance_type_id']).doNothing())
      .execute()
}

export async function listInstanceTypes(db: Queryable, zone: string, ids: readonly string[] | undefined) {
  let q = db.selectFrom('instance_types').selectAll().where('zone_id', '=', zone)
  if (ids?.length) q = q.where('instance_type_id', 'in', ids)
  return q.orderBy('vcpus_current').orderBy('memory_current').orderBy('instance_type_id').execute()
}
