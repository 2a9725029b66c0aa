// DescribeKeyPairs: the caller's key pairs in the zone. `instance_ids` is listed whatever `verbose`
// says (clients that ask for verbose=1 get what they expect, the others an extra array).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { describeParams, List, Optional, page, Str } from '../../../protocol/params.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { tagsOf } from '../../tags/tag-repo.ts'
import { instanceIdsOf, listKeyPairs } from '../keypair-repo.ts'

export const describeKeyPairs = defineAction({
  name: 'DescribeKeyPairs',
  params: Type.Object({
    keypairs: Optional(List(Str())),
    instance_id: Optional(Str()),
    encrypt_method: Optional(Str()),
    tags: Optional(List(Str())),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, keypair_set: [] }
      const { total, rows } = await listKeyPairs(ctx.db, { ...params, owner, zone_id: ctx.zone }, page(params))
      const ids = rows.map((r) => r.keypair_id)
      const tags = await tagsOf(ctx.db, owner, ids)
      const instances = await instanceIdsOf(ctx.db, ids)
      const keypair_set = rows.map((r) => ({
        keypair_id: r.keypair_id,
        keypair_name: r.keypair_name,
        description: r.description,
        encrypt_method: r.encrypt_method,
        pub_key: r.pub_key,
        instance_ids: instances.get(r.keypair_id) ?? [],
        resource_ids: [],
        tags: tags.get(r.keypair_id) ?? [],
        owner: r.owner,
        zone_id: r.zone_id,
        create_time: r.create_time,
      }))
      return { total_count: total, keypair_set }
    })
  },
})
