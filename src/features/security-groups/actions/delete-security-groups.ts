// DeleteSecurityGroups: removes groups for good, with their rules and tag bindings, and echoes the
// ids. The default group is never deleted (1400); a group that still has an instance that exists
// (not terminated or ceased), a VPC router (not deleted) or a load balancer (not deleted or ceased)
// is refused with 5400, and nothing is deleted. Terminated instances (recoverable from the recycle
// bin) of a deleted group go to the owner's default group, so a recovered instance is never left in
// a group that is gone.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { requireDistinct, requireOwned, stateRule } from '../../resources/guards.ts'
import { untagResources } from '../../tags/tag-repo.ts'
import { defaultGroupOf } from '../default-group.ts'
import { instancesInGroups, instancesPointingAtGroups, setInstanceGroup } from '../../instances/instance-repo.ts'
import { loadBalancersInGroups } from '../../loadbalancers/lb-repo.ts'
import { routersInGroups } from '../../routers/router-repo.ts'
import { deleteGroups, lockGroups } from '../security-group-repo.ts'

export const deleteSecurityGroups = defineAction({
  name: 'DeleteSecurityGroups',
  lockAtRunTime: ['quota'], // making the caller's default group
  params: Type.Object({ security_groups: List(Str()) }),
  async handle({ security_groups }, ctx) {
    if (security_groups.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter security_groups')
    requireDistinct('security_groups', security_groups)
    // the row locks order this against an ApplySecurityGroup job settling at the same time
    const groups = requireOwned(await lockGroups(ctx.db, ctx.caps, ctx.zone, security_groups), security_groups, (g) => g.security_group_id, ctx.caller)
    for (const group of groups) {
      if (group.is_default === 1) throw stateRule('security group', group.security_group_id, 'is the default security group', 'it can not be deleted')
    }
    const members = await instancesInGroups(ctx.db, security_groups)
    for (const id of security_groups) {
      const inside = members.get(id) ?? []
      if (inside.length === 0) continue
      const shown =
        inside
          .slice(0, 5)
          .map((m) => m.instance_id)
          .join(', ') + (inside.length > 5 ? ', …' : '')
      throw new ApiError('ResourceDependence', `security group [${id}] is still used by instance(s) [${shown}], move them to another group (ApplySecurityGroup) first`)
    }
    const [withRouters] = await routersInGroups(ctx.db, security_groups)
    if (withRouters) {
      const [id, routers] = withRouters
      throw new ApiError('ResourceDependence', `security group [${id}] is still used by router(s) [${routers.join(', ')}], move them to another group (ModifyRouterAttributes) first`)
    }
    const [withLoadBalancers] = await loadBalancersInGroups(ctx.db, security_groups)
    if (withLoadBalancers) {
      const [id, lbs] = withLoadBalancers
      throw new ApiError('ResourceDependence', `security group [${id}] is still used by load balancer(s) [${lbs.join(', ')}], move them to another group (ModifyLoadBalancerAttributes) first`)
    }
    const recycled = await instancesPointingAtGroups(ctx.db, security_groups)
    if (recycled.length) await setInstanceGroup(ctx.db, recycled, (await defaultGroupOf(ctx)).security_group_id)
    await deleteGroups(ctx.db, security_groups)
    await untagResources(ctx.db, security_groups)
    return { security_groups }
  },
})
