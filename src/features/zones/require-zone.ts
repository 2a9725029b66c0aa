// The `zone` of a zone-scoped action must be a zone this platform offers and that is active.
import { ApiError } from '../../errors.ts'
import { andThen } from '../../lib/maybe-promise.ts'
import type { ZoneCheck } from '../../protocol/endpoint.ts'
import type { CacheEpoch } from '../../store/cache-epoch.ts'
import type { Queryable } from '../../store/database.ts'
import { cachedZones } from './zone-repo.ts'

/** `db`: committed data outside a transaction (Store.readDb); the zone list comes from memory while the cache epoch stays. */
export function zoneCheck(db: Queryable, epoch: CacheEpoch): ZoneCheck {
  return (zone) => {
    if (typeof zone !== 'string' || zone === '') throw new ApiError('InvalidRequestFormat', 'missing parameter zone')
    // no promise while the zone list is cached (lib/maybe-promise.ts)
    return andThen(cachedZones(db, epoch), (zones) => {
      if (zones.find((z) => z.zone_id === zone)?.status !== 'active') throw new ApiError('PermissionDenied', `access denied for zone [${zone}]`)
      return zone
    })
  }
}
