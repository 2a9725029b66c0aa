// CreateVolumes: new volumes appear in DescribeVolumes at once as `pending` + `creating` and become
// `available` when the job settles (CSI and terraform wait on the job, then describe the volume).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, Int, OneOf, Optional, Str } from '../../../protocol/params.ts'
import { planOf } from '../../billing/contract.ts'
import { planParams } from '../../billing/plan-params.ts'
import { Wallet } from '../../billing/wallet.ts'
import { ENCRYPTION_CIPHERS, REPL_POLICIES, requireValidSize, roundUpSize } from '../volume.ts'
import { failNewVolumes, openNewVolumes, settleNewVolumes, volumeHourlyPrice } from '../new-volumes.ts'

export const MAX_CREATE_COUNT = 100

export const createVolumes = defineAction({
  name: 'CreateVolumes',
  locks: ['wallet', 'quota'],
  jobLocks: ['wallet'],
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
    const hourly = await volumeHourlyPrice(ctx, { volume_type, size })
    if (params.dry_run) return { volumes: [] }

    const spec = {
      count: params.count ?? 1,
      size,
      volume_type,
      volume_name: params.volume_name ?? '',
      encryption,
      // a cipher named without encryption=1 is ignored, like the console's unticked box
      cipher_alg: encryption ? (params.cipher_alg ?? 'aes256') : '',
    }
    const volumes = await openNewVolumes(ctx, wallet, spec, plan, hourly)
    return { volumes, job_id: await ctx.jobs.start({ resource_ids: volumes }) }
  },
  async settle(job, jctx) {
    await settleNewVolumes(jctx, job.resource_ids)
  },
  // a volume whose creation failed never existed: it goes straight to `ceased`, out of listings
  async onFailure(job, jctx) {
    await failNewVolumes(jctx, job.resource_ids)
  },
})
