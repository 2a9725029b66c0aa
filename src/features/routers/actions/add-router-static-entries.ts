// AddRouterStaticEntries: adds entries to one of the caller's statics (VPN accounts, L3 GRE target
// networks, IPsec network pairs; static-rules.ts checkEntry, messages naming `entries.N.valX`) and
// answers their ids (`rse-`). A VPN static's user names are unique within it. The router becomes
// is_applied=0.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import type { RouterStaticEntryTable } from '../../../store/database.ts'
import { entriesOfStatics, getStaticsForUpdate, insertEntries, markRouterUnapplied } from '../router-statics-repo.ts'
import { EntryParams, MAX_PER_REQUEST } from '../static-params.ts'
import { checkEntry, requireNewUser } from '../static-rules.ts'
import { blank } from '../../resources/wire-values.ts'

export const addRouterStaticEntries = defineAction({
  name: 'AddRouterStaticEntries',
  params: Type.Object({
    router_static: Str(),
    entries: Type.Array(EntryParams(), { maxItems: MAX_PER_REQUEST }),
  }),
  async handle({ router_static, entries }, ctx) {
    if (entries.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter entries')
    const { statics } = await getStaticsForUpdate(ctx, [router_static])
    const parent = statics[0]!
    const users = new Set((await entriesOfStatics(ctx.db, [router_static])).map((e) => e.val1))
    const checked = entries.map((e, i) => {
      const names = (field: 'val1' | 'val2') => `entries.${i + 1}.${field}`
      const entry = checkEntry({ router_static_entry_name: blank(e.router_static_entry_name), val1: blank(e.val1), val2: blank(e.val2) }, parent, names)
      if (parent.static_type === 2) requireNewUser(users, entry.val1, names('val1'), router_static)
      return entry
    })
    const time = formatTime(ctx.clock.now())
    const rows: RouterStaticEntryTable[] = checked.map((e) => ({
      ...e,
      router_static_entry_id: ctx.ids.resource('rse'),
      router_static_id: router_static,
      router_id: parent.router_id,
      zone_id: ctx.zone,
      owner: ctx.caller.user_id,
      create_time: time,
    }))
    await insertEntries(ctx.db, rows)
    await markRouterUnapplied(ctx.db, [parent.router_id])
    return { router_static_entries: rows.map((r) => r.router_static_entry_id) }
  },
})
