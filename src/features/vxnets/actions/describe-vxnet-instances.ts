// DescribeVxnetInstances: the members of one vxnet, with their address and interface. A user sees
// their own instances only (in vxnet-0 too); a vxnet that is unknown or not theirs answers an
// empty set, as any Describe does. Filters: instances.N, a single instance `status`,
// instance_type, image; ordered by when they joined.
import Type from 'typebox'
import { sql } from 'kysely'
import { defineAction } from '../../../protocol/action.ts'
import { describeParams, List, Optional, page, Str } from '../../../protocol/params.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { isBase } from '../network.ts'

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
  async handle(params, ctx) {
    const owner = ownerScope(ctx.caller, params.owner)
    if (owner === undefined) return { total_count: 0, instance_set: [] }
    if (!isBase(params.vxnet)) {
      const vxnet = await ctx.db.selectFrom('vxnets').select('owner').where('vxnet_id', '=', params.vxnet).where('zone_id', '=', ctx.zone).executeTakeFirst()
      if (vxnet?.owner !== owner) return { total_count: 0, instance_set: [] }
    }
    let q = ctx.db
      .selectFrom('instance_nics')
      .innerJoin('instances', 'instances.instance_id', 'instance_nics.instance_id')
      .where('instance_nics.zone_id', '=', ctx.zone)
      .where('instance_nics.vxnet_id', '=', params.vxnet)
      .where('instances.owner', '=', owner)
    if (params.instances?.length) q = q.where('instances.instance_id', 'in', params.instances)
    if (params.status) q = q.where('instances.status', '=', params.status)
    if (params.instance_type) q = q.where('instances.instance_type', '=', params.instance_type)
    if (params.image) q = q.where('instances.image_id', '=', params.image)
    const { n } = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    const { offset, limit } = page(params)
    const rows = await q
      .select([
        'instances.instance_id',
        'instances.instance_name',
        'instances.description',
        'instances.instance_type',
        'instances.vcpus_current',
        'instances.memory_current',
        'instances.image_id',
        'instances.status',
        'instances.transition_status',
        'instances.owner',
        'instances.create_time',
        'instances.status_time',
        'instance_nics.vxnet_id',
        'instance_nics.private_ip',
        'instance_nics.nic_id',
        'instance_nics.transition_status as nic_transition_status',
        'instance_nics.create_time as join_time',
      ])
      // joined first come first; within one second, by address (numerically: length, then text)
      .orderBy('instance_nics.create_time')
      .orderBy(sql`length(instance_nics.private_ip)`)
      .orderBy('instance_nics.private_ip')
      .orderBy('instance_nics.nic_id')
      .offset(offset)
      .limit(limit)
      .execute()
    // an interface's sequence is its place among its instance's interfaces, in DescribeInstances'
    // order of `vxnets` (0 the first, as eth0)
    const ids = [...new Set(rows.map((r) => r.instance_id))]
    const nics = ids.length ? await ctx.db.selectFrom('instance_nics').select(['instance_id', 'nic_id']).where('instance_id', 'in', ids).orderBy('create_time').orderBy('nic_id').execute() : []
    const sequence = (r: { instance_id: string; nic_id: string }) => nics.filter((n) => n.instance_id === r.instance_id).findIndex((n) => n.nic_id === r.nic_id)
    const instance_set = rows.map((r) => ({
      instance_id: r.instance_id,
      instance_name: r.instance_name,
      description: r.description,
      instance_type: r.instance_type,
      vcpus_current: r.vcpus_current,
      memory_current: r.memory_current,
      image_id: r.image_id,
      vxnet_id: r.vxnet_id,
      private_ip: r.private_ip,
      nic_id: r.nic_id,
      sequence: sequence(r),
      // DHCP options are not modelled: an empty object, as the docs print an object
      dhcp_options: {},
      // the interface's own state: 'joining' / 'leaving' while a JoinVxnet / LeaveVxnet job runs
      nic_transition_status: r.nic_transition_status,
      status: r.status,
      transition_status: r.transition_status,
      sub_code: 0,
      owner: r.owner,
      zone_id: ctx.zone,
      create_time: r.create_time,
      status_time: r.status_time,
    }))
    return { total_count: Number(n), instance_set }
  },
})
