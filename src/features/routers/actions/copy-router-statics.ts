// CopyRouterStatics: copies the statics of one of the caller's routers, with their entries and new
// ids, onto another of the caller's routers, possibly in another zone (`dest_zone`). The docs spell
// the routers `source_router`/`dest_router` (D's example) and `source_router_id`/`dest_router_id`
// (V's table): both are accepted. V's optional `router-statics` and `static-type` lists (also with
// underscores) pick which statics are copied. A copied VPN static whose client network the
// destination already uses gets the next free one; a vxnet is kept only within the zone. The
// destination becomes is_applied=0. The reply carries no extra fields (no SDK reads one).
// Not modelled: rewriting IPsec target networks between network-2.0 routers.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Optional, Str } from '../../../protocol/params.ts'
import type { RouterStaticEntryTable, RouterStaticTable } from '../../../store/database.ts'
import { requireOwned } from '../../resources/guards.ts'
import { findZone } from '../../zones/zone-repo.ts'
import { getRoutersForUpdate } from '../router-repo.ts'
import { entriesOfStatics, insertEntries, insertStatics, markRouterUnapplied, staticsOfRouter, vpnNetworksOf } from '../router-statics-repo.ts'
import { checkStatic, requireChangeable } from '../static-rules.ts'
import { blank } from '../../resources/wire-values.ts'

const invalid = (message: string) => new ApiError('InvalidRequestFormat', message)
const StaticTypes = () => Optional(Type.Union([Str({ pattern: '^[1-8]$' }), List(Str({ pattern: '^[1-8]$' }))]))

/** One router named by either spelling: both given must agree. */
function either(names: [string, string], values: [string | undefined, string | undefined]): string {
  const [a, b] = [blank(values[0]), blank(values[1])]
  if (a === '' && b === '') throw invalid(`missing parameter ${names[0]}`)
  if (a !== '' && b !== '' && a !== b) throw invalid(`parameter ${names[0]} value ${a} and parameter ${names[1]} value ${b} name different routers`)
  return a || b
}

export const copyRouterStatics = defineAction({
  name: 'CopyRouterStatics',
  params: Type.Object({
    source_router: Optional(Str()),
    source_router_id: Optional(Str()),
    dest_router: Optional(Str()),
    dest_router_id: Optional(Str()),
    dest_zone: Optional(Str()),
    router_statics: Optional(List(Str())),
    'router-statics': Optional(List(Str())),
    static_type: StaticTypes(),
    'static-type': StaticTypes(),
  }),
  async handle(params, ctx) {
    const source = either(['source_router', 'source_router_id'], [params.source_router, params.source_router_id])
    const dest = either(['dest_router', 'dest_router_id'], [params.dest_router, params.dest_router_id])
    const destZone = blank(params.dest_zone) || ctx.zone
    if (destZone !== ctx.zone && (await findZone(ctx.db, destZone))?.status !== 'active') throw new ApiError('PermissionDenied', `access denied for zone [${destZone}]`)
    if (source === dest && destZone === ctx.zone) throw invalid(`parameter dest_router value ${dest} is the source router, statics are copied to another router`)

    // both routers locked in ascending id order (the order every static change locks routers in)
    const lock = (id: string) => getRoutersForUpdate(id === source ? ctx : { ...ctx, zone: destZone }, id === source ? 'source_router' : 'dest_router', [id])
    for (const id of [source, dest].sort()) await lock(id)
    const [destRouter] = await lock(dest)
    requireChangeable(destRouter!)

    const only = [params.router_statics ?? [], params['router-statics'] ?? []].flat()
    const types = new Set([params.static_type ?? [], params['static-type'] ?? []].flat().map(Number))
    const all = await staticsOfRouter(ctx.db, source)
    if (only.length) requireOwned(all, only, (s) => s.router_static_id, ctx.caller)
    const copied = all.filter((s) => (only.length === 0 || only.includes(s.router_static_id)) && (types.size === 0 || types.has(s.static_type)))

    const usedVpn = await vpnNetworksOf(ctx.db, dest)
    const time = formatTime(ctx.clock.now())
    const statics: RouterStaticTable[] = []
    const newIds = new Map<string, string>()
    for (const s of copied) {
      const id = ctx.ids.resource('rtrs')
      newIds.set(s.router_static_id, id)
      // stored statics passed the checks once; a VPN client network taken on the destination is left to allocate again
      const content = checkStatic({ ...s, val4: s.static_type === 2 && usedVpn.has(s.val4) ? '' : s.val4 }, (field) => `router static [${s.router_static_id}] ${field}`, usedVpn)
      statics.push({ ...s, ...content, router_static_id: id, router_id: dest, zone_id: destZone, vxnet_id: destZone === ctx.zone ? s.vxnet_id : '', create_time: time })
    }
    const entries: RouterStaticEntryTable[] = (
      await entriesOfStatics(
        ctx.db,
        copied.map((s) => s.router_static_id),
      )
    ).map((e) => ({ ...e, router_static_entry_id: ctx.ids.resource('rse'), router_static_id: newIds.get(e.router_static_id)!, router_id: dest, zone_id: destZone, create_time: time }))
    await insertStatics(ctx.db, statics)
    await insertEntries(ctx.db, entries)
    await markRouterUnapplied(ctx.db, [dest])
    return {}
  },
})
