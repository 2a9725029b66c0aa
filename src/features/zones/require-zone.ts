// The `zone` of a zone-scoped action must be a zone this platform offers and that is active.
import { ApiError } from '../../errors.ts'
import type { ZoneCheck } from '../../protocol/endpoint.ts'
import type { Queryable } from '../../store/database.ts'
import { findZone } from './zone-repo.ts'

export function zoneCheck(db: Queryable): ZoneCheck {
  return async (zone) => {
    if (typeof zone !== 'string' || zone === '') throw new ApiError('InvalidRequestFormat', 'missing parameter zone')
    const found = await findZone(db, zone)
    if (found?.status !== 'active') throw new ApiError('PermissionDenied', `access denied for zone [${zone}]`)
    return zone
  }
}
