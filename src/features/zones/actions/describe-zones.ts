// DescribeZones: global (no zone parameter; the Go SDK sends none). terraform requires the zone it
// is configured with to be listed as `active`; the CSI driver builds its topology from this list.
import { defineAction } from '../../../protocol/action.ts'
import { List, Optional, Str } from '../../../protocol/params.ts'
import Type from 'typebox'
import { cachedZones } from '../zone-repo.ts'

export const describeZones = defineAction({
  name: 'DescribeZones',
  zone: 'none',
  params: Type.Object({
    zones: Optional(List(Str())),
    status: Optional(List(Str())),
  }),
  // no transaction: the zone list is kept in memory under the cache epoch (store/cache-epoch.ts)
  async query(params, ctx) {
    const zones = (await cachedZones(ctx.db, ctx.epoch)).filter((z) => (!params.zones?.length || params.zones.includes(z.zone_id)) && (!params.status?.length || params.status.includes(z.status)))
    return { total_count: zones.length, zone_set: zones }
  },
})
