// AddRouterStatics: adds statics (port forwarding, VPN, DHCP options, tunnels, filters, private
// DNS) to one of the caller's routers and answers their ids. Every static is checked per type
// (static-rules.ts, messages naming `statics.N.valX`) before any is written; defaults are filled in
// (a port forwarding rule without val4 is tcp). Keys clients add (statics.N.router_id,
// statics.N.router_static_id="") are ignored. The router becomes is_applied=0 until UpdateRouters.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, Int, Optional, Str } from '../../../protocol/params.ts'
import type { RouterStaticTable } from '../../../store/database.ts'
import { insertStatics, lockChangeableRouters, markRouterUnapplied, vpnNetworksOf } from '../router-statics-repo.ts'
import { MAX_PER_REQUEST, NameParam, VAL_PARAMS } from '../static-params.ts'
import { requireStaticReferences } from '../static-references.ts'
import { checkStatic, valsOf } from '../static-rules.ts'
import { blank } from '../../resources/wire-values.ts'

export const addRouterStatics = defineAction({
  name: 'AddRouterStatics',
  params: Type.Object({
    router: Str(),
    vxnet: Optional(Str()),
    statics: Type.Array(
      Type.Object({
        static_type: Int(),
        router_static_name: NameParam(),
        vxnet_id: Optional(Str()),
        disabled: Optional(Flag()),
        ...VAL_PARAMS,
      }),
      { maxItems: MAX_PER_REQUEST },
    ),
  }),
  async handle({ router, vxnet, statics }, ctx) {
    if (statics.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter statics')
    await lockChangeableRouters(ctx, 'router', [router])
    const usedVpn = await vpnNetworksOf(ctx.db, router)
    const checked = statics.map((s, i) =>
      checkStatic(
        {
          static_type: s.static_type,
          router_static_name: blank(s.router_static_name),
          vxnet_id: blank(s.vxnet_id) || blank(vxnet),
          disabled: s.disabled ?? 0,
          ...valsOf(s),
        },
        (field) => `statics.${i + 1}.${field}`,
        usedVpn,
      ),
    )
    await requireStaticReferences(ctx, checked)
    const time = formatTime(ctx.clock.now())
    const rows: RouterStaticTable[] = checked.map((s) => ({ ...s, router_static_id: ctx.ids.resource('rtrs'), router_id: router, zone_id: ctx.zone, owner: ctx.caller.user_id, create_time: time }))
    await insertStatics(ctx.db, rows)
    await markRouterUnapplied(ctx.db, [router])
    return { router_statics: rows.map((r) => r.router_static_id) }
  },
})
