// DescribeNics: the caller's NICs in the zone, newest first: those made by CreateNics and every
// instance's interfaces. Filters: nics.N, nic_name (exact), status (available | in-use, else
// 1100), vxnets.N, instances.N, vxnet_type as `vxnet_type` (Python SDK) or `vxnet_type.N` (Go SDK)
// — 0 self-managed and 1 managed vxnets of the caller, 2 the base network vxnet-0 —, search_word
// (id or name), tags.N.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { describeParams, List, Optional, page, Str } from '../../../protocol/params.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { associatedEipsOf } from '../../eips/eip-repo.ts'
import { findInstancesById } from '../../instances/instance-repo.ts'
import { tagsOf } from '../../tags/tag-repo.ts'
import { BASE_VXNET } from '../../vxnets/vxnet-kind.ts'
import { vxnetIdsOfType } from '../../vxnets/vxnet-repo.ts'
import { listNics } from '../nic-repo.ts'
import { NO_EIP, nicView } from '../nic-view.ts'

const STATUSES = ['available', 'in-use']

export const describeNics = defineAction({
  name: 'DescribeNics',
  params: Type.Object({
    nics: Optional(List(Str())),
    nic_name: Optional(Str({ maxLength: 255 })),
    status: Optional(Str()),
    vxnets: Optional(List(Str())),
    vxnet_type: Optional(Type.Union([Str(), List(Str())])),
    instances: Optional(List(Str())),
    tags: Optional(List(Str())),
    ...describeParams,
  }),
  async query(params, ctx) {
    if (params.status !== undefined && !STATUSES.includes(params.status)) throw new ApiError('InvalidRequestFormat', `parameter status value [${params.status}] is not one of ${STATUSES.join(', ')}`)
    const types = params.vxnet_type === undefined ? undefined : [params.vxnet_type].flat()
    for (const type of types ?? []) if (!['0', '1', '2'].includes(type)) throw new ApiError('InvalidRequestFormat', `parameter vxnet_type value [${type}] is not one of 0, 1, 2`)
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, nic_set: [] }
      let vxnets = params.vxnets
      if (types?.length) {
        const ofType = new Set<string>()
        for (const type of new Set(types)) {
          const ids = type === '2' ? [BASE_VXNET] : await vxnetIdsOfType(ctx.db, owner, ctx.zone, Number(type))
          for (const id of ids) ofType.add(id)
        }
        vxnets = vxnets ? vxnets.filter((id) => ofType.has(id)) : [...ofType]
        if (vxnets.length === 0) return { total_count: 0, nic_set: [] }
      }
      const { total, rows } = await listNics(
        ctx.db,
        { owner, zone_id: ctx.zone, ids: params.nics, nic_name: params.nic_name, status: params.status ? [params.status] : undefined, vxnets, instances: params.instances, search_word: params.search_word, tags: params.tags },
        page(params),
      )
      const instanceIds = [...new Set(rows.map((r) => r.instance_id).filter(Boolean))]
      const [instances, eips, tags] = await Promise.all([
        findInstancesById(ctx.db, instanceIds),
        associatedEipsOf(ctx.db, instanceIds),
        tagsOf(
          ctx.db,
          owner,
          rows.map((r) => r.nic_id),
        ),
      ])
      const groupOf = new Map(instances.map((i) => [i.instance_id, i.security_group_id]))
      const eipOf = new Map(eips.map(({ instance_id, eip_id, eip_addr, bandwidth }) => [instance_id, { eip_id, eip_addr, bandwidth }]))
      const nic_set = rows.map((r) =>
        nicView(r, {
          security_group: groupOf.get(r.instance_id) ?? '',
          eip: (r.role === 1 && r.status === 'in-use' && eipOf.get(r.instance_id)) || NO_EIP,
          tags: tags.get(r.nic_id) ?? [],
        }),
      )
      return { total_count: total, nic_set }
    })
  },
})
