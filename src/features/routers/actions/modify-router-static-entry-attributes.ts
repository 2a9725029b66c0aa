// ModifyRouterStaticEntryAttributes: changes one entry's name or values; a value not given stays, a
// whitespace-only one empties it, and the entry as it will be is checked again against its static's
// type. Answers `router_static_entry` (what the Go SDK reads) and `router_static_entry_id` (the docs'
// example). The router becomes is_applied=0.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import { requireOwned } from '../../resources/guards.ts'
import { entriesOfStatics, findEntries, getStaticsForUpdate, lockEntries, markRouterUnapplied, updateEntry } from '../router-statics-repo.ts'
import { ENTRY_PARAMS } from '../static-params.ts'
import { checkEntry, requireNewUser } from '../static-rules.ts'
import { blank } from '../../resources/wire-values.ts'

export const modifyRouterStaticEntryAttributes = defineAction({
  name: 'ModifyRouterStaticEntryAttributes',
  params: Type.Object({ router_static_entry: Str(), ...ENTRY_PARAMS }),
  async handle(params, ctx) {
    const id = params.router_static_entry
    const [seen] = requireOwned(await findEntries(ctx.db, ctx.zone, [id]), [id], (e) => e.router_static_entry_id, ctx.caller)
    const { statics } = await getStaticsForUpdate(ctx, [seen!.router_static_id])
    const [old] = requireOwned(await lockEntries(ctx.db, ctx.caps, ctx.zone, [id]), [id], (e) => e.router_static_entry_id, ctx.caller)
    const keep = (given: string | undefined, was: string) => (given === undefined ? was : blank(given))
    const entry = checkEntry({ router_static_entry_name: keep(params.router_static_entry_name, old!.router_static_entry_name), val1: keep(params.val1, old!.val1), val2: keep(params.val2, old!.val2) }, statics[0]!, (field) => field)
    if (statics[0]!.static_type === 2 && entry.val1 !== old!.val1) {
      const users = new Set((await entriesOfStatics(ctx.db, [old!.router_static_id])).filter((e) => e.router_static_entry_id !== id).map((e) => e.val1))
      requireNewUser(users, entry.val1, 'val1', old!.router_static_id)
    }
    await updateEntry(ctx.db, id, entry)
    await markRouterUnapplied(ctx.db, [old!.router_id])
    return { router_static_entry: id, router_static_entry_id: id }
  },
})
