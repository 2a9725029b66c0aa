// DescribeAccessKeys: the caller's keys. The Kubernetes cloud-controller-manager calls it at start-up
// with its own key id and reads access_key_set[0].owner as its user id, so that row must be there.
// Secrets are never returned.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { describeParams, List, Optional, page, Str } from '../../../protocol/params.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { listKeys } from '../access-key-repo.ts'

export const describeAccessKeys = defineAction({
  name: 'DescribeAccessKeys',
  zone: 'none',
  params: Type.Object({
    access_keys: Optional(List(Str())),
    status: Optional(List(Str())),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, access_key_set: [] }
      const { total, rows } = await listKeys(ctx.db, { ...params, owner }, page(params))
      const access_key_set = rows.map((k) => ({
        ...k,
        root_user_id: k.owner,
        console_id: 'qingcloud',
        controller: 'self',
      }))
      return { total_count: total, access_key_set }
    })
  },
})
