// ResizeCluster: every node of one role gets another CPU/memory shape (one the role is offered in,
// 8003 otherwise) and/or more storage (within the role's range; storage only grows). The cluster
// must be active or stopped; its nodes keep their status and show `updating` until the job
// settles. Capacity, quota and the new price are taken at once, as ResizeInstances does.
// `instance_class` (the Python SDK sends it) changes the nodes' class with the job.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Int, Optional, Str } from '../../../protocol/params.ts'
import { Wallet } from '../../billing/wallet.ts'
import { setInstanceClass, setInstanceTransition } from '../../instances/instance-repo.ts'
import { TRANSITIONS } from '../../instances/instance.ts'
import { applyResize, reserveGrowth, reserveResize, ResizePlanSchema, undoResize } from '../../instances/resize.ts'
import { CLUSTER_TRANSITIONS, liveInstanceIds, lockClusters, requireNodesIn, setClusterState } from '../cluster-repo.ts'
import { clusterIdsOf, restClusters } from '../cluster-jobs.ts'
import { invalidSetting, offeredShape, storageSize } from '../conf.ts'
import { instanceShape } from '../nodes.ts'
import { clusterRole } from '../role.ts'

export const resizeCluster = defineAction({
  name: 'ResizeCluster',
  locks: ['wallet', 'quota', 'hosts'],
  jobLocks: ['hosts'],
  params: Type.Object({
    cluster: Str(),
    node_role: Optional(Str({ maxLength: 32 })),
    cpu: Optional(Int()),
    memory: Optional(Int()),
    storage_size: Optional(Int({ minimum: 0 })),
    gpu: Optional(Int({ minimum: 0, maximum: 0 })),
    instance_class: Optional(Int({ minimum: 0, maximum: 301 })),
  }),
  job: { payload: Type.Object({ plans: Type.Array(ResizePlanSchema), role: Type.String(), storage_size: Type.Number(), instance_class: Type.Number() }) },
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const [locked] = await lockClusters(ctx, [params.cluster], ['active', 'stopped'], 'can not be resized', 'cluster')
    const { cluster, nodes } = locked!
    const role = await clusterRole(ctx.db, cluster, params.node_role)
    requireNodesIn(locked!, ['running', 'stopped'], 'resized')
    const live = new Set(liveInstanceIds(locked!))
    const members = nodes.filter((n) => n.role === role.role && live.has(n.instance_id))
    if (members.length === 0) throw invalidSetting(`role [${role.role}] of cluster [${cluster.cluster_id}] has no node to resize`)
    if (params.cpu === undefined && params.memory === undefined && params.storage_size === undefined && params.instance_class === undefined) {
      throw invalidSetting('nothing to change: give cpu and memory, storage_size or instance_class')
    }
    const current = locked!.instances.get(members[0]!.instance_id)!
    const shape = offeredShape(role, params.cpu ?? current.vcpus_current, params.memory ?? current.memory_current)
    const storage = members[0]!.storage_size
    const storage_size = params.storage_size === undefined ? storage : storageSize(role, params.storage_size)
    if (storage_size < storage) throw invalidSetting(`role [${role.role}] has ${storage} GB of storage per node, it can only grow`)

    const rows = members.map((n) => locked!.instances.get(n.instance_id)!)
    const plans = await reserveResize(ctx, wallet, rows, instanceShape(shape))
    const instances = members.map((n) => n.instance_id)
    await setClusterState(ctx.db, [cluster.cluster_id], { transition_status: CLUSTER_TRANSITIONS.update })
    await setInstanceTransition(ctx.db, instances, TRANSITIONS.resize)
    const job_id = await ctx.jobs.start({ resource_ids: [cluster.cluster_id, ...instances], payload: { plans, role: role.role, storage_size, instance_class: params.instance_class ?? current.instance_class } })
    await reserveGrowth(ctx, job_id, plans)
    return { cluster_id: cluster.cluster_id, role: role.role, cpu: shape.cpu, memory: shape.memory, gpu: 0, storage_size, job_id }
  },
  async settle(job, ctx) {
    const now = ctx.clock.now()
    const [clusterId] = clusterIdsOf(job)
    const { plans, role, storage_size, instance_class } = job.payload
    await applyResize(ctx.db, plans, now)
    await setInstanceClass(
      ctx.db,
      plans.map((p) => p.instance_id),
      instance_class,
    )
    await ctx.db.updateTable('cluster_nodes').set({ storage_size }).where('cluster_id', '=', clusterId!).where('role', '=', role).execute()
    await setClusterState(ctx.db, [clusterId!], { transition_status: '' })
  },
  async onFailure(job, ctx) {
    await undoResize(ctx, job.zone_id, job.payload.plans)
    await restClusters(job, ctx)
  },
})
