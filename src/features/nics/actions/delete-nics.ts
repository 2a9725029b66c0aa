// DeleteNics: deletes the caller's NICs for good (no recycle bin), their addresses and tags with
// them. A NIC attached to an instance (`in-use`, or being attached) is refused with 1400, as
// DeleteVolumes refuses an in-use volume: the NIC's own state forbids it (detach it first); 5400
// is kept for resources that still have dependants (DeleteVxnets with members).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { stateRule } from '../../resources/guards.ts'
import { untagResources } from '../../tags/tag-repo.ts'
import { deleteNicRows } from '../nic-repo.ts'
import { getNicsForUpdate } from '../nic-rules.ts'

export const deleteNics = defineAction({
  name: 'DeleteNics',
  params: Type.Object({ nics: List(Str()) }),
  async handle(params, ctx) {
    const nics = await getNicsForUpdate(ctx, 'nics', params.nics)
    for (const nic of nics) {
      if (nic.status !== 'available' || nic.instance_id !== '') throw stateRule('nic', nic.nic_id, `is attached to instance [${nic.instance_id}]`, 'can not be deleted: detach it first')
    }
    await deleteNicRows(ctx.db, params.nics)
    await untagResources(ctx.db, params.nics)
    return {}
  },
})
