// Zones. Limitations: zones come from configuration and are always `active`; regions (`pek3`
// standing for pek3a/b/c) are reported as `region_id` but are not accepted as a `zone` parameter.
import { describeZones } from './actions/describe-zones.ts'

export const zoneActions = [describeZones]
