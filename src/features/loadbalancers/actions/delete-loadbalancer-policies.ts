// DeleteLoadBalancerPolicies: deletes the caller's policies and their rules at once. A policy a
// backend still follows cannot go (5400 naming the backend: change or delete the backend first);
// then nothing is deleted. The policy rows are locked first, so a backend taking one up meanwhile
// either waits and finds it gone (2100) or is seen here.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { backendsUsingPolicies } from '../backend-repo.ts'
import { deletePolicies, getPoliciesForUpdate } from '../policy-repo.ts'

export const deleteLoadBalancerPolicies = defineAction({
  name: 'DeleteLoadBalancerPolicies',
  params: Type.Object({ loadbalancer_policies: List(Str()) }),
  async handle(params, ctx) {
    await getPoliciesForUpdate(ctx, 'loadbalancer_policies', params.loadbalancer_policies)
    const used = await backendsUsingPolicies(ctx.db, params.loadbalancer_policies)
    for (const id of params.loadbalancer_policies) {
      const backends = used.get(id)
      if (backends?.length) throw new ApiError('ResourceDependence', `loadbalancer policy [${id}] is still used by backend [${backends[0]}], change or delete the backend first`)
    }
    await deletePolicies(ctx.db, params.loadbalancer_policies)
    return { loadbalancer_policies: params.loadbalancer_policies }
  },
})
