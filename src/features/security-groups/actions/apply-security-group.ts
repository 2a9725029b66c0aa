// ApplySecurityGroup (asynchronous): pushes a group's rules to instances. With `instances.N`, the
// instances named (the caller's, running or stopped, idle) move into the group: they are `updating`
// while the job runs and change group when it settles. Without, the rules are re-applied to the
// group's present members, which are left alone meanwhile. Either way the group is is_applied=1
// once the job settles; a job whose group was deleted in between fails and moves nobody.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Optional, Str } from '../../../protocol/params.ts'
import { lockInstances, setInstanceGroup, setInstanceTransition } from '../../instances/instance-repo.ts'
import { requireDistinct, requireIdle, requireOwned, stateRule } from '../../resources/guards.ts'
import { clearTransitions } from '../../resources/recycle-bin.ts'
import { lockGroups, updateGroup } from '../security-group-repo.ts'

/** Instances change group while running or stopped only, like key pairs (reference 2.2). */
const MOVABLE = ['running', 'stopped']

export const applySecurityGroup = defineAction({
  name: 'ApplySecurityGroup',
  params: Type.Object({
    security_group: Str(),
    instances: Optional(List(Str())),
  }),
  job: { payload: Type.Object({ security_group: Type.String(), instances: Type.Array(Type.String()) }) },
  async handle(params, ctx) {
    const instances = params.instances ?? []
    requireDistinct('instances', instances)
    requireOwned(await lockGroups(ctx.db, ctx.caps, ctx.zone, [params.security_group]), [params.security_group], (g) => g.security_group_id, ctx.caller)
    const rows = requireOwned(await lockInstances(ctx.db, ctx.caps, ctx.zone, instances), instances, (i) => i.instance_id, ctx.caller)
    for (const instance of rows) {
      requireIdle('instance', instance.instance_id, instance)
      if (!MOVABLE.includes(instance.status)) throw stateRule('instance', instance.instance_id, `is [${instance.status}]`, 'can not apply a security group')
    }
    await setInstanceTransition(ctx.db, instances, 'updating')
    return { job_id: await ctx.jobs.start({ resource_ids: [params.security_group, ...instances], payload: { security_group: params.security_group, instances } }) }
  },
  async settle(job, ctx) {
    const { security_group, instances } = job.payload
    // the lock orders this against DeleteSecurityGroups
    const [group] = await lockGroups(ctx.db, ctx.caps, job.zone_id, [security_group])
    if (!group) throw new ApiError('ResourceNotFound', `resource [${security_group}] not found`)
    await setInstanceGroup(ctx.db, instances, security_group)
    await updateGroup(ctx.db, security_group, { is_applied: 1 })
    await clearTransitions(ctx.db, instances)
  },
})
