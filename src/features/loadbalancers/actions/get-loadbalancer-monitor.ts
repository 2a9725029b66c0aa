// GetLoadBalancerMonitor: the monitoring series of one of the caller's load balancers (meter
// `traffic`), listeners or backends (meter `request`), from the monitoring source
// (features/monitoring: deterministic values over the resource's real life; monitor-series.ts
// shapes them). Rules: `resource` must be an lb-, lbl- or lbb- id (1100 otherwise), the caller's
// (unknown in the zone 2100, another user's 1400); each meter must be the resource's (1100 naming
// it), listed once; step 5m/15m/2h/1d, start_time and end_time checked by monitorWindow (1100).
// `resource_type` (the Go SDK always sends `loadbalancer`) is accepted and not needed: the id says.
// Reply: `meter_set[] = {meter_id, data_set: [{eip_id, data}]}`: traffic per bound EIP (eip_id ''
// for a load balancer without EIPs), request in one entry with eip_id '' (a listener counts the
// requests of every address). Deleted resources still answer for the time they ran.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Optional, Str } from '../../../protocol/params.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { monitorWindow } from '../../monitoring/series.ts'
import { requireDistinct, requireOwned } from '../../resources/guards.ts'
import { findBackends } from '../backend-repo.ts'
import { findLoadBalancers } from '../lb-repo.ts'
import { findListeners } from '../listener-repo.ts'
import { backendRequestData, listenerRequestData, loadWorld, trafficDataSet } from '../monitor-series.ts'

const KINDS = [
  { prefix: 'lb-', label: 'load balancer', meter: 'traffic' },
  { prefix: 'lbl-', label: 'load balancer listener', meter: 'request' },
  { prefix: 'lbb-', label: 'load balancer backend', meter: 'request' },
] as const

export const getLoadBalancerMonitor = defineAction({
  name: 'GetLoadBalancerMonitor',
  params: Type.Object({
    resource: Str({ maxLength: 64 }),
    meters: List(Str({ maxLength: 64 })),
    step: Str({ maxLength: 16 }),
    start_time: Str({ maxLength: 32 }),
    end_time: Str({ maxLength: 32 }),
    resource_type: Optional(Str({ maxLength: 64 })),
  }),
  async query(params, ctx) {
    const kind = KINDS.find((k) => params.resource.startsWith(k.prefix))
    if (!kind) throw new ApiError('InvalidRequestFormat', `parameter resource [${params.resource}] should be a load balancer (lb-…), listener (lbl-…) or backend (lbb-…)`)
    requireDistinct('meters', params.meters)
    for (const meter of params.meters) {
      if (meter !== kind.meter) throw new ApiError('InvalidRequestFormat', `meter [${meter}] is not a meter of a ${kind.label}: use ${kind.meter}`)
    }
    const window = monitorWindow(params, ctx.clock.now())
    return await inSnapshot(ctx, async (ctx) => {
      const id = params.resource
      const mine = <R extends { owner: string }>(rows: R[], idOf: (r: R) => string): R => {
        const [row] = requireOwned(rows, [id], idOf, ctx.caller)
        if (!row) throw new ApiError('ResourceNotFound', `resource [${id}] not found`)
        return row
      }
      if (kind.prefix === 'lb-') {
        const world = await loadWorld(
          ctx.db,
          mine(await findLoadBalancers(ctx.db, ctx.zone, [id]), (r) => r.loadbalancer_id),
        )
        const data_set = trafficDataSet(world, window)
        return { resource_id: id, meter_set: params.meters.map((meter_id) => ({ meter_id, data_set })) }
      }
      const part = kind.prefix === 'lbl-' ? mine(await findListeners(ctx.db, ctx.zone, [id]), (r) => r.loadbalancer_listener_id) : mine(await findBackends(ctx.db, ctx.zone, [id]), (r) => r.loadbalancer_backend_id)
      const world = await loadWorld(
        ctx.db,
        mine(await findLoadBalancers(ctx.db, ctx.zone, [part.loadbalancer_id]), () => id),
      )
      const data = 'loadbalancer_backend_id' in part ? backendRequestData(world, part, window) : listenerRequestData(world, part, window)
      return { resource_id: id, meter_set: params.meters.map((meter_id) => ({ meter_id, data_set: [{ eip_id: '', data }] })) }
    })
  },
})
