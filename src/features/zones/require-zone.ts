// The `zone` of a zone-scoped action must be a zone this platform offers and that is active.
import { ApiError } from '../../errors.ts'
import type { ZoneCheck } from '../../protocol/endpoint.ts'
import type { CacheEpoch } from '../../store/cache-epoch.ts'
import type { Queryable } from '../../store/database.ts'
import { cachedZones } from './zone-repo.ts'

/** `db`: committed data outside a transaction (Store.readDb); the zone list comes from memory while the cache epoch stays. */
export function zoneCheck(db: Queryable, epoch: CacheEpoch): ZoneCheck {
  return async (zone) => {
    if (typeof zone !== 'string' || zone === '') throw new ApiError('InvalidRequestFormat', 'missing parameter zone')
    const found = (await cachedZones(db, epoch)).find((z) => z.zone_id === zone)
    if (found?.status !== 'active') throw new ApiError('PermissionDenied', `access denied for zone [${zone}]`)
    return zone
  }
}
