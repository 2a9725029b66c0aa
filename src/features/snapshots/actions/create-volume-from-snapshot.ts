// CreateVolumeFromSnapshot: a new volume holding a volume snapshot's data, of the snapshot's size
// (GB) and the source volume's type, made by the volume code (volumes/new-volumes.ts) so quota
// (volume, volume_size), price, lease and balance apply exactly as in CreateVolumes. The snapshot
// must be `available` and idle, else CSI's exact "is not available, can not create volume from
// it"; an instance snapshot holds a system disk and is refused too. Encryption follows the source
// volume unless `encryption` is given. The source volume may be gone: its row keeps its type.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, OneOf, Optional, Str } from '../../../protocol/params.ts'
import { planOf } from '../../billing/contract.ts'
import { planParams } from '../../billing/plan-params.ts'
import { Wallet } from '../../billing/wallet.ts'
import { failNewVolumes, openNewVolumes, settleNewVolumes, volumeHourlyPrice } from '../../volumes/new-volumes.ts'
import { ENCRYPTION_CIPHERS } from '../../volumes/volume.ts'
import { findVolumesById } from '../../volumes/volume-repo.ts'
import { MB_PER_GB, notAvailableForVolume } from '../snapshot.ts'
import { getSnapshotsForUpdate } from '../snapshot-repo.ts'

export const createVolumeFromSnapshot = defineAction({
  name: 'CreateVolumeFromSnapshot',
  locks: ['wallet', 'quota'],
  jobLocks: ['wallet'],
  params: Type.Object({
    snapshot: Str(),
    volume_name: Optional(Str({ maxLength: 255 })),
    encryption: Optional(Flag()),
    cipher_alg: Optional(OneOf(ENCRYPTION_CIPHERS)),
    ...planParams,
  }),
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const [snapshot] = await getSnapshotsForUpdate(ctx, 'snapshot', [params.snapshot])
    const s = snapshot!
    if (s.resource_type !== 'volume') {
      throw new ApiError('PermissionDenied', `snapshot [${s.snapshot_id}] is a snapshot of ${s.resource_type} [${s.resource_id}], can not create volume from it`)
    }
    if (s.status !== 'available' || s.transition_status !== '') throw notAvailableForVolume(s.snapshot_id)
    const [source] = await findVolumesById(ctx.db, [s.resource_id])
    const encryption = params.encryption ?? source?.encryption ?? 0
    const spec = {
      count: 1,
      size: Math.ceil(s.size / MB_PER_GB),
      volume_type: source?.volume_type ?? 0,
      volume_name: params.volume_name ?? '',
      encryption,
      cipher_alg: encryption ? (params.cipher_alg ?? (source?.cipher_alg || 'aes256')) : '',
    }
    const plan = planOf(params)
    const hourly = await volumeHourlyPrice(ctx, spec)
    const [volume_id] = await openNewVolumes(ctx, wallet, spec, plan, hourly)
    return { volume_id, job_id: await ctx.jobs.start({ resource_ids: [volume_id!] }) }
  },
  async settle(job, jctx) {
    await settleNewVolumes(jctx, job.resource_ids)
  },
  async onFailure(job, jctx) {
    await failNewVolumes(jctx, job.resource_ids)
  },
})
