// LeaveRouter: takes the caller's vxnets out of a router's VPC (asynchronous; reference
// routers-nics §1, §6). The router must be the caller's (2100 / 1400) and not in transition (1400
// "please try later"), in any status (a suspended router's vxnets may leave). Each vxnet must be
// the caller's (2100 / 1400), joined to this router (1400), its join settled (1400 "please try
// later") and without members (5400: the instances leave the vxnet first). The join turns
// 'leaving' at once; DescribeVxnets shows `vpc_router_id` until the job settles and clears the
// join (terraform polls for ''), the vxnet keeping the ip_network it had in the VPC. A failed job
// leaves it joined. Locks: the router row, then the vxnet rows.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { requireDistinct, requireIdle, requireOwned, stateRule } from '../../resources/guards.ts'
import { getRoutersForUpdate } from '../../routers/router-repo.ts'
import { isBase } from '../network.ts'
import { holderLabel } from '../../nics/nic-holder.ts'
import { clearRouterJoin, firstMember, lockVxnets, setRouterTransition } from '../vxnet-repo.ts'

export const leaveRouter = defineAction({
  name: 'LeaveRouter',
  params: Type.Object({
    vxnets: List(Str({ maxLength: 64 })),
    router: Str({ maxLength: 64 }),
  }),
  job: { payload: Type.Object({ router: Type.String(), vxnets: Type.Array(Type.String()) }) },
  async handle(params, ctx) {
    if (params.vxnets.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter vxnets')
    requireDistinct('vxnets', params.vxnets)
    const [router] = await getRoutersForUpdate(ctx, 'router', [params.router])
    requireIdle('router', router!.router_id, router!)
    const base = params.vxnets.find(isBase)
    if (base) throw stateRule('vxnet', base, 'is the base network', 'it is in no router')
    const rows = requireOwned(await lockVxnets(ctx.db, ctx.caps, ctx.zone, params.vxnets), params.vxnets, (v) => v.vxnet_id, ctx.caller)
    for (const vxnet of rows) {
      if (vxnet.router_id !== router!.router_id) throw stateRule('vxnet', vxnet.vxnet_id, `is not joined to router [${router!.router_id}]`, 'can not leave it')
      if (vxnet.router_transition !== '') throw new ApiError('PermissionDenied', `vxnet [${vxnet.vxnet_id}] is [${vxnet.router_transition}] router [${router!.router_id}], please try later`)
    }
    const member = await firstMember(ctx.db, ctx.zone, params.vxnets)
    if (member)
      throw new ApiError(
        'ResourceDependence',
        `vxnet [${member.vxnet_id}] still has ${member.instance_id ? holderLabel(member.instance_id) : `NIC [${member.nic_id}]`}, it must leave the vxnet (or be deleted) before the vxnet leaves router [${router!.router_id}]`,
      )
    await setRouterTransition(ctx.db, router!.router_id, params.vxnets, '', 'leaving')
    const payload = { router: router!.router_id, vxnets: params.vxnets }
    return { job_id: await ctx.jobs.start({ resource_ids: [...params.vxnets, router!.router_id], payload }), router_id: router!.router_id, vxnets: params.vxnets }
  },
  async settle(job, ctx) {
    const { router, vxnets } = job.payload
    await clearRouterJoin(ctx.db, router, vxnets)
  },
  async onFailure(job, ctx) {
    const { router, vxnets } = job.payload
    await setRouterTransition(ctx.db, router, vxnets, 'leaving', '')
  },
})
