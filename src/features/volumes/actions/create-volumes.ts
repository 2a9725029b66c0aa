// CreateVolumes: new volumes appear in DescribeVolumes at once as `pending` + `creating` and become
// `available` when the job settles (CSI and terraform wait on the job, then describe the volume).
import Type from 'typebox'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, Int, OneOf, Optional, Str } from '../../../protocol/params.ts'
import type { VolumeTable } from '../../../store/database.ts'
import { requireQuota } from '../../quotas/quota-check.ts'
import { planOf } from '../../billing/contract.ts'
import { endLeases, openLeases } from '../../billing/leases.ts'
import { planParams } from '../../billing/plan-params.ts'
import { hourlyPriceIn } from '../../billing/price-repo.ts'
import { Wallet } from '../../billing/wallet.ts'
import { ENCRYPTION_CIPHERS, REPL_POLICIES, requireValidSize, roundUpSize } from '../volume.ts'
import { finishTransition, insertVolumes } from '../volume-repo.ts'

export const MAX_CREATE_COUNT = 100

export const createVolumes = defineAction({
  name: 'CreateVolumes',
  params: Type.Object({
    size: Int({ minimum: 1 }),
    volume_name: Optional(Str({ maxLength: 255 })),
    volume_type: Optional(Int()),
    count: Optional(Int({ minimum: 1, maximum: MAX_CREATE_COUNT })),
    encryption: Optional(Flag()),
    cipher_alg: Optional(OneOf(ENCRYPTION_CIPHERS)),
    // accepted for CSI's sake; every QingLocal volume reports the same policy (volume.ts)
    repl: Optional(OneOf(REPL_POLICIES)),
    round_up: Optional(Flag()),
    dry_run: Optional(Flag()),
    ...planParams,
    // `port` (always sent by the Go SDK) is accepted and has no effect
  }),
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const volume_type = params.volume_type ?? 0
    const size = params.round_up ? roundUpSize(params.size) : params.size
    requireValidSize(size, volume_type)
    const encryption = params.encryption ?? 0
    const plan = planOf(params)
    const hourly = await hourlyPriceIn(ctx.db, ctx.zone, { resource_type: 'volume', volume_type, size })
    if (params.dry_run) return { volumes: [] }

    await requireQuota(ctx, ctx.zone, { volume: params.count ?? 1, volume_size: (params.count ?? 1) * size })
    const time = formatTime(ctx.clock.now())
    const rows: VolumeTable[] = Array.from({ length: params.count ?? 1 }, () => ({
      volume_id: ctx.ids.resource('vol'),
      zone_id: ctx.zone,
      owner: ctx.caller.user_id,
      volume_name: params.volume_name ?? '',
      description: null,
      size,
      volume_type,
      encryption,
      // a cipher named without encryption=1 is ignored, like the console's unticked box
      cipher_alg: encryption ? (params.cipher_alg ?? 'aes256') : '',
      instance_id: '',
      device: '',
      status: 'pending',
      transition_status: 'creating',
      create_time: time,
      status_time: time,
    }))
    await openLeases(ctx, wallet, { zone: ctx.zone, resource_type: 'volume', plan, hourly }, rows.map((r) => ({ resource_id: r.volume_id, resource_name: r.volume_name })))
    await insertVolumes(ctx.db, rows)
    const volumes = rows.map((r) => r.volume_id)
    return { volumes, job_id: await ctx.jobs.start({ resource_ids: volumes }) }
  },
  async settle(job, jctx) {
    await finishTransition(jctx.db, job.resource_ids, 'creating', { status: 'available' }, jctx.clock.now())
  },
  // a volume whose creation failed never existed: it goes straight to `ceased`, out of listings
  async onFailure(job, jctx) {
    const owners = await jctx.db.selectFrom('volumes').select('owner').distinct().where('volume_id', 'in', job.resource_ids).execute()
    for (const { owner } of owners) await endLeases(jctx, await Wallet.lock(jctx, owner), job.resource_ids, 'never-created')
    await finishTransition(jctx.db, job.resource_ids, 'creating', { status: 'ceased' }, jctx.clock.now())
  },
})
