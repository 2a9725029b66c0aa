// DescribeZones: global (no zone parameter; the Go SDK sends none). terraform requires the zone it
// is configured with to be listed as `active`; the CSI driver builds its topology from this list.
import { defineAction } from '../../../protocol/action.ts'
import { List, Optional, Str } from '../../../protocol/params.ts'
import Type from 'typebox'
import { listZones } from '../zone-repo.ts'

export const describeZones = defineAction({
  name: 'DescribeZones',
  zone: 'none',
  params: Type.Object({
    zones: Optional(List(Str())),
    status: Optional(List(Str())),
  }),
  async handle(params, ctx) {
    const zones = await listZones(ctx.db, params)
    return { total_count: zones.length, zone_set: zones }
  },
})
