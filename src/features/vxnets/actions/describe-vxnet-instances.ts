// DescribeVxnetInstances: the members of one vxnet, with their address and interface. A user sees
// their own instances only (in vxnet-0 too); a vxnet that is unknown or not theirs answers an
// empty set, as any Describe does. Filters: instances.N, a single instance `status`,
// instance_type, image; ordered by when they joined.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { describeParams, List, Optional, page, Str } from '../../../protocol/params.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { findInstancesById, instanceIdsWhere } from '../../instances/instance-repo.ts'
import { isBase } from '../network.ts'
import { vxnetMembersPage } from '../vxnet-repo.ts'

export const describeVxnetInstances = defineAction({
  name: 'DescribeVxnetInstances',
  params: Type.Object({
    vxnet: Str({ maxLength: 64 }),
    instances: Optional(List(Str())),
    status: Optional(Str()),
    instance_type: Optional(Str()),
    image: Optional(Str()),
    ...describeParams,
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const owner = ownerScope(ctx.caller, params.owner)
      if (owner === undefined) return { total_count: 0, instance_set: [] }
      if (!isBase(params.vxnet)) {
        const vxnet = await ctx.db.selectFrom('vxnets').select('owner').where('vxnet_id', '=', params.vxnet).where('zone_id', '=', ctx.zone).executeTakeFirst()
        if (vxnet?.owner !== owner) return { total_count: 0, instance_set: [] }
      }
      // the instances are filtered by a subquery of theirs: the page is one query over the interfaces
      const members = instanceIdsWhere(ctx.db, {
        owner,
        ...(params.instances && { ids: params.instances }),
        ...(params.status && { statuses: [params.status] }),
        ...(params.instance_type && { instance_type: params.instance_type }),
        ...(params.image && { image_id: params.image }),
      })
      const { total, rows } = await vxnetMembersPage(ctx.db, ctx.zone, params.vxnet, members, page(params))
      const ids = [...new Set(rows.map((r) => r.instance_id))]
      const instances = new Map((await findInstancesById(ctx.db, ids)).map((i) => [i.instance_id, i]))
      const instance_set = rows.map((r) => {
        const i = instances.get(r.instance_id)!
        return {
          instance_id: r.instance_id,
          instance_name: i.instance_name,
          description: i.description,
          instance_type: i.instance_type,
          vcpus_current: i.vcpus_current,
          memory_current: i.memory_current,
          image_id: i.image_id,
          vxnet_id: r.vxnet_id,
          private_ip: r.private_ip,
          nic_id: r.nic_id,
          // the NIC's slot on its instance (0 the first, as eth0)
          sequence: r.sequence,
          // DHCP options are not modelled: an empty object, as the docs print an object
          dhcp_options: {},
          // the interface's own state: 'joining' / 'leaving' while a JoinVxnet / LeaveVxnet job runs
          nic_transition_status: r.transition_status,
          status: i.status,
          transition_status: i.transition_status,
          sub_code: 0,
          owner: i.owner,
          zone_id: ctx.zone,
          create_time: i.create_time,
          status_time: i.status_time,
        }
      })
      return { total_count: total, instance_set }
    })
  },
})
