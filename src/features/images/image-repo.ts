// Image rows: the seeded system catalogue (public, owner `system`) and users' captured images.
import { formatTime } from '../../lib/clock.ts'
import type { Queryable } from '../../store/database.ts'
import { SYSTEM_IMAGES, SYSTEM_OWNER } from './image.ts'

/** Adds the system catalogue to zones that lack it; images already there keep their state. */
export async function seedSystemImages(db: Queryable, zones: readonly string[], now: Date): Promise<void> {
  const time = formatTime(now)
  const rows = zones.flatMap((zone_id) =>
    SYSTEM_IMAGES.map((image) => ({
      ...image,
      zone_id,
      description: null,
      owner: SYSTEM_OWNER,
      provider: 'system',
      visibility: 'public',
      default_passwd: '',
      ui_type: image.platform === 'windows' ? 'gui' : 'tui',
      source_instance_id: '',
      status: 'available',
      transition_status: '',
      create_time: time,
      status_time: time,
    })),
  )
  if (rows.length > 0) await db.insertInto('images').values(rows).onConflict((oc) => oc.columns(['zone_id', 'image_id']).doNothing()).execute()
}

/** An image the user may launch from: a public one, or their own. Undefined otherwise. */
export async function findUsableImage(db: Queryable, zone: string, imageId: string, owner: string) {
  return db
    .selectFrom('images')
    .selectAll()
    .where('zone_id', '=', zone)
    .where('image_id', '=', imageId)
    .where((eb) => eb.or([eb('visibility', '=', 'public'), eb('owner', '=', owner)]))
    .executeTakeFirst()
}
