// ModifyVxnetAttributes: renames a vxnet or changes its description (empty values count as "not
// given", as for the other Modify actions). The base network vxnet-0 is the platform's (1400).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { requireOwned, stateRule } from '../../resources/guards.ts'
import { isBase } from '../network.ts'
import { lockVxnets, updateVxnet } from '../vxnet-repo.ts'

export const modifyVxnetAttributes = defineAction({
  name: 'ModifyVxnetAttributes',
  params: Type.Object({
    vxnet: Str(),
    vxnet_name: Optional(Str({ maxLength: 255 })),
    description: Optional(Str({ maxLength: 1024 })),
  }),
  async handle({ vxnet, vxnet_name, description }, ctx) {
    if (isBase(vxnet)) throw stateRule('vxnet', vxnet, 'is the base network', 'can not be modified')
    requireOwned(await lockVxnets(ctx.db, ctx.caps, ctx.zone, [vxnet]), [vxnet], (v) => v.vxnet_id, ctx.caller)
    await updateVxnet(ctx.db, vxnet, { ...(vxnet_name !== undefined && { vxnet_name }), ...(description !== undefined && { description }) })
    return {}
  },
})
