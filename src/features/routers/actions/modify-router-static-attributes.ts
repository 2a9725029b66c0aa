// ModifyRouterStaticAttributes: changes one static's name, values or disabled flag, with plain
// `val1`…`val9` as the Go SDK, the Python SDK and terraform send them (D's table also writes
// `statics.1.valX`: accepted, plain keys win). A value not given stays; a whitespace-only one (what
// terraform sends to clear a field) empties it; the static as it will be is checked again as a
// whole, defaults included (static-rules.ts); a VPN switched to another kind starts from that kind's
// defaults for what is not given. The router becomes is_applied=0.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, Optional, Str } from '../../../protocol/params.ts'
import { getStaticsForUpdate, markRouterUnapplied, updateStatic, vpnNetworksOf } from '../router-statics-repo.ts'
import { NameParam, VAL_PARAMS } from '../static-params.ts'
import { requireStaticReferences } from '../static-references.ts'
import { checkStatic, mapVals, type ValField } from '../static-rules.ts'
import { blank } from '../../resources/wire-values.ts'

export const modifyRouterStaticAttributes = defineAction({
  name: 'ModifyRouterStaticAttributes',
  params: Type.Object({
    router_static: Str(),
    router_static_name: NameParam(),
    disabled: Optional(Flag()),
    ...VAL_PARAMS,
    statics: Optional(Type.Array(Type.Object(VAL_PARAMS), { maxItems: 1 })),
  }),
  async handle(params, ctx) {
    const id = params.router_static
    const { statics } = await getStaticsForUpdate(ctx, [id])
    const old = statics[0]!
    const listed = params.statics?.[0] ?? {}
    const given = (field: ValField) => params[field] ?? listed[field]
    const names = (field: ValField | 'static_type') => (field !== 'static_type' && params[field] === undefined && listed[field] !== undefined ? `statics.1.${field}` : field)
    // a VPN switched to another kind (openvpn → pptp) drops the old kind's port, protocol and
    // authentication unless they are given again: its own defaults apply
    const switched = old.static_type === 2 && given('val1') !== undefined && (blank(given('val1')) || 'openvpn') !== old.val1
    const kept = (f: ValField) => (switched && (f === 'val2' || f === 'val3' || f === 'val5') ? '' : old[f])
    const vals = mapVals((f) => (given(f) === undefined ? kept(f) : blank(given(f))))
    const checked = checkStatic(
      {
        static_type: old.static_type,
        router_static_name: params.router_static_name === undefined ? old.router_static_name : blank(params.router_static_name),
        vxnet_id: old.vxnet_id,
        disabled: params.disabled ?? old.disabled,
        ...vals,
      },
      names,
      await vpnNetworksOf(ctx.db, old.router_id, id),
    )
    // the instance of a DHCP option is checked again only when it changes (the vxnet never does)
    if (checked.val1 !== old.val1) await requireStaticReferences(ctx, [{ ...checked, vxnet_id: '' }])
    await updateStatic(ctx.db, id, checked)
    await markRouterUnapplied(ctx.db, [old.router_id])
    return { router_static_id: id }
  },
})
