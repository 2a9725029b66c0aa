// RunInstances: validates everything, places the instances on hosts (5200 when no host has room,
// and then nothing is created), and writes them `pending`/`creating` so they are visible in
// DescribeInstances the moment this returns; the job brings them up `running`. The instances go
// into `security_group` (one of the caller's groups in the zone) or else the caller's default group.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, Int, List, OneOf, Optional, Str } from '../../../protocol/params.ts'
import { supports } from '../../images/image.ts'
import { findUsableImage } from '../../images/image-repo.ts'
import { listInstanceTypes } from '../../instance-types/instance-type-repo.ts'
import { requireIdle, requireOwned, stateRule } from '../../resources/guards.ts'
import { bindKeyPairs, lockKeyPairs } from '../../keypairs/keypair-repo.ts'
import { failAttachments, requireAttachable, reserveAttachments, settleAttachments } from '../../volumes/attachment.ts'
import { getVolumesForUpdate } from '../../volumes/volume-repo.ts'
import { defaultGroupOf } from '../../security-groups/default-group.ts'
import { lockGroups } from '../../security-groups/security-group-repo.ts'
import { requireQuota } from '../../quotas/quota-check.ts'
import { planOf } from '../../billing/contract.ts'
import { planParams } from '../../billing/plan-params.ts'
import { hourlyPriceIn } from '../../billing/price-repo.ts'
import { Wallet } from '../../billing/wallet.ts'
import { joinAtLaunch, resolveLaunchNetworks } from '../../vxnets/membership.ts'
import { checkLoginPassword, osDiskSize, requestedShape } from '../instance.ts'
import { instanceKind } from '../instance-kind.ts'
import { abandonInstances, bringUpInstances, instanceDemand, launchInstances } from '../launch.ts'

const MAX_COUNT = 100

export const runInstances = defineAction({
  name: 'RunInstances',
  locks: ['wallet', 'quota', 'hosts'],
  jobLocks: ['wallet', 'hosts'],
  params: Type.Object({
    image_id: Str({ maxLength: 64 }),
    login_mode: OneOf(['passwd', 'keypair'] as const),
    instance_type: Optional(Str({ maxLength: 64 })),
    cpu: Optional(Int()),
    memory: Optional(Int()),
    count: Optional(Int({ minimum: 1, maximum: MAX_COUNT })),
    instance_name: Optional(Str({ maxLength: 64 })),
    login_keypair: Optional(Str()),
    login_passwd: Optional(Str({ maxLength: 64 })),
    volumes: Optional(List(Str())),
    // `vxnet-id` or `vxnet-id|ip`; vxnet-0 when absent (vxnets/membership.ts)
    vxnets: Optional(List(Str())),
    hostname: Optional(Str({ maxLength: 63, pattern: '^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$' })),
    instance_class: Optional(Int({ minimum: 0, maximum: 301 })),
    cpu_model: Optional(OneOf(['Westmere', 'SandyBridge', 'IvyBridge', 'Haswell', 'Broadwell', 'Skylake', 'CascadeLake', 'IceLake'] as const)),
    os_disk_size: Optional(Int()),
    os_disk_encryption: Optional(Flag()),
    cipher_alg: Optional(OneOf(['aes256'] as const)),
    security_group: Optional(Str()),
    dry_run: Optional(Flag()),
    ...planParams,
  }),
  // the data volumes it attaches (volumes.N): in-use once the instances are up
  job: { payload: Type.Object({ volumes: Type.Array(Type.String()) }) },
  workMs: 2500,

  async handle(params, ctx) {
    // held already: the endpoint took the declared locks (protocol/locks.ts)
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    const count = params.count ?? 1
    const types = await listInstanceTypes(ctx.db, ctx.zone, undefined)
    const shape = requestedShape(params, (id) => types.find((t) => t.instance_type_id === id))
    const plan = planOf(params)
    const hourly = await hourlyPriceIn(ctx.db, ctx.zone, instanceKind, { instance_type: shape.instance_type, cpu: shape.vcpus_current, memory: shape.memory_current })

    const image = await findUsableImage(ctx.db, ctx.zone, params.image_id, ctx.caller.user_id)
    if (!image || ['deleted', 'ceased'].includes(image.status)) throw new ApiError('ResourceNotFound', `resource [${params.image_id}] not found`)
    if (image.status !== 'available') throw stateRule('image', image.image_id, `is [${image.status}]`, 'can not run instances from it')
    requireIdle('image', image.image_id, image)
    const disk = osDiskSize(image.platform, image.size, params.os_disk_size)
    const encrypted = params.os_disk_encryption === 1
    if (encrypted && !supports(image, 'encryptedDisk')) {
      throw new ApiError('UnsupportedVolumeType', `image [${image.image_id}] does not support encrypted system disks`)
    }

    // login: Windows only takes passwords; a key pair must be the caller's, in this zone
    let keypairId: string | undefined
    if (params.login_mode === 'keypair') {
      if (image.platform === 'windows') throw new ApiError('InvalidRequestFormat', `login_mode keypair is not supported by windows image [${image.image_id}]`)
      if (!params.login_keypair) throw new ApiError('InvalidRequestFormat', 'missing parameter login_keypair, required when login_mode is keypair')
      // locked, so a concurrent DeleteKeyPairs cannot remove it under the new binding
      const found = await lockKeyPairs(ctx.db, ctx.caps, ctx.zone, [params.login_keypair])
      keypairId = requireOwned(found, [params.login_keypair], (k) => k.keypair_id, ctx.caller)[0]!.keypair_id
    } else {
      checkLoginPassword(params.login_passwd)
    }

    // data volumes attached at launch: only for a single instance, available and the caller's
    const volumeIds = params.volumes ?? []
    if (volumeIds.length > 0 && count > 1) throw new ApiError('InvalidRequestFormat', 'parameter volumes can only be used with count 1')
    const volumes = await getVolumesForUpdate(ctx, 'volumes', volumeIds)
    for (const volume of volumes) {
      requireAttachable(volume)
      if (volume.encryption === 1 && !supports(image, 'encryptedDisk')) {
        throw new ApiError('UnsupportedVolumeType', `volume [${volume.volume_id}] is encrypted and image [${image.image_id}] can not use encrypted disks`)
      }
    }
    // locked, so a concurrent DeleteSecurityGroups cannot remove it under the new instances
    if (params.security_group) requireOwned(await lockGroups(ctx.db, ctx.caps, ctx.zone, [params.security_group]), [params.security_group], (g) => g.security_group_id, ctx.caller)
    // networks locked and checked (resource rows, after the declared locks)
    const networks = await resolveLaunchNetworks(ctx, params.vxnets, count)
    if (params.dry_run === 1) return { instances: [] }

    // making the default group takes the quota lock the action declared (default-group.ts)
    const security_group_id = params.security_group ?? (await defaultGroupOf(ctx)).security_group_id
    await requireQuota(ctx, ctx.zone, instanceDemand(count, shape))
    const ids = await launchInstances(ctx, wallet, {
      count,
      image,
      shape,
      plan,
      hourly,
      instance_name: params.instance_name ?? '',
      login_mode: params.login_mode,
      os_disk_size: disk,
      os_disk_encryption: encrypted ? 1 : 0,
      instance_class: params.instance_class ?? 0,
      cpu_model: params.cpu_model ?? 'Westmere',
      security_group_id,
      ...(params.hostname ? { hostname: params.hostname } : {}),
    })
    // addresses reserved in this transaction: DescribeInstances shows private_ip as soon as this returns
    await joinAtLaunch(ctx, networks, ids)
    if (keypairId) await bindKeyPairs(ctx.db, [keypairId], ids, ctx.clock.now())
    // the attachment is recorded at once, by AttachVolumes' own path: the new instance's first devices
    await reserveAttachments(ctx.db, ids[0]!, volumeIds)

    const job_id = await ctx.jobs.start({ resource_ids: ids, payload: { volumes: volumeIds } })
    return { instances: ids, job_id }
  },

  async settle(job, ctx) {
    const now = ctx.clock.now()
    const instances = job.resource_ids.filter((id) => id.startsWith('i-'))
    await bringUpInstances(ctx.db, instances, now)
    const { volumes } = job.payload
    // volumes come with count 1 only: they are the one instance's
    if (volumes.length) await settleAttachments(ctx.db, volumes, instances[0]!, now)
  },

  // the instances never came up: they are gone (refunded, capacity freed), their volumes are free again
  async onFailure(job, ctx) {
    await abandonInstances(ctx, job.resource_ids)
    const { volumes } = job.payload
    if (volumes.length) await failAttachments(ctx.db, volumes, job.resource_ids[0]!, ctx.clock.now())
  },
})
