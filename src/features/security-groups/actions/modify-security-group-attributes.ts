// ModifySecurityGroupAttributes: renames a group or changes its description (the default group's
// too: its role, not its name, makes it the default). Empty values count as "not given".
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { requireOwned } from '../../resources/guards.ts'
import { lockGroups, updateGroup } from '../security-group-repo.ts'

export const modifySecurityGroupAttributes = defineAction({
  name: 'ModifySecurityGroupAttributes',
  params: Type.Object({
    security_group: Str(),
    security_group_name: Optional(Str({ maxLength: 255 })),
    description: Optional(Str({ maxLength: 1024 })),
  }),
  async handle({ security_group, security_group_name, description }, ctx) {
    requireOwned(await lockGroups(ctx.db, ctx.caps, ctx.zone, [security_group]), [security_group], (g) => g.security_group_id, ctx.caller)
    await updateGroup(ctx.db, security_group, { ...(security_group_name !== undefined && { security_group_name }), ...(description !== undefined && { description }) })
    return { security_group_id: security_group }
  },
})
