// DeleteLoadBalancerListeners: removes the caller's listeners (of one or several load balancers,
// each configurable) with their backends and the certificates they present (the certificates
// themselves stay), and answers their ids (`loadbalancer_listeners`). Their load balancers become
// is_applied=0 until UpdateLoadBalancers.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import { deleteBackendsOfListeners } from '../backend-repo.ts'
import { markNotApplied } from '../lb-repo.ts'
import { lockListenersForChange } from '../listener-access.ts'
import { deleteListeners } from '../listener-repo.ts'
import { MAX_PER_REQUEST } from '../listener-rules.ts'

export const deleteLoadBalancerListeners = defineAction({
  name: 'DeleteLoadBalancerListeners',
  params: Type.Object({
    loadbalancer_listeners: Type.Array(Str(), { maxItems: MAX_PER_REQUEST }),
  }),
  async handle({ loadbalancer_listeners }, ctx) {
    const { listeners } = await lockListenersForChange(ctx, 'loadbalancer_listeners', loadbalancer_listeners)
    await deleteBackendsOfListeners(ctx.db, loadbalancer_listeners)
    await deleteListeners(ctx.db, loadbalancer_listeners)
    await markNotApplied(
      ctx.db,
      listeners.map((l) => l.loadbalancer_id),
    )
    return { loadbalancer_listeners }
  },
})
