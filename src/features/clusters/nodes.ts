// A cluster's nodes come from the compute code: each is an instance launched like RunInstances
// launches one (license, hosts, lease and balance checks included), tied to its role by a
// cluster_nodes row. Which image a role runs is the version's choice per zone, or the conf's.
import { ApiError } from '../../errors.ts'
import { formatTime } from '../../lib/clock.ts'
import type { ActionContext } from '../../protocol/action.ts'
import type { ClusterNodeTable } from '../../store/database.ts'
import type { Plan } from '../billing/contract.ts'
import { hourlyPriceIn } from '../billing/price-repo.ts'
import type { Wallet } from '../billing/wallet.ts'
import { findImage, findUsableImage, type ImageRow } from '../images/image-repo.ts'
import { osDiskSize, requestedShape, type Shape } from '../instances/instance.ts'
import { instanceKind } from '../instances/instance-kind.ts'
import { launchInstances } from '../instances/launch.ts'
import { defaultGroupOf } from '../security-groups/default-group.ts'
import { imagesOf } from '../apps/app-repo.ts'
import type { NodeShape } from '../apps/template.ts'
import { joinAtLaunch, lockNetwork, type Network } from '../vxnets/membership.ts'
import { isBase } from '../vxnets/network.ts'
import { findVxnet } from '../vxnets/vxnet-repo.ts'
import { invalidSetting } from './conf.ts'

/** The instance shape of a node shape: `c2m4` for 2 CPU / 4096 MB, as RunInstances names it. */
export const instanceShape = (shape: NodeShape): Shape => requestedShape(shape, () => undefined)

/**
 * The image `role` runs in the caller's zone: the one the conf names (the caller's own or a public
 * image), else the version's for the zone. 8001 when neither names one; 8002 when the version has
 * none for this zone, or the image named is not available here.
 */
export async function roleImage(ctx: ActionContext, versionId: string, role: string, override: string | undefined): Promise<ImageRow> {
  if (override !== undefined) return imageHere(ctx, role, override, 'caller')
  const named = ((await imagesOf(ctx.db, [versionId])).get(versionId) ?? []).filter((n) => n.role === role)
  if (named.length === 0) throw new ApiError('ConfigImageNotFound', `the configuration names no image for role [${role}]: version [${versionId}] has none, and the conf gives no cluster.${role}.image`)
  const here = named.find((n) => n.zone_id === ctx.zone)
  if (!here) {
    throw new ApiError('ConfigImageNotInZone', `version [${versionId}] has no image for role [${role}] in zone [${ctx.zone}], only in [${named.map((n) => n.zone_id).join(', ')}]`)
  }
  // an app's image serves every deployer, whoever owns it
  return imageHere(ctx, role, here.image_id, 'anyone')
}

/**
 * `imageId`, available in the caller's zone (8002 otherwise). `caller`: only an image the caller
 * may use (a public one or their own); `anyone`: an image an app version or a running node names.
 */
export async function imageHere(ctx: ActionContext, role: string, imageId: string, usableBy: 'caller' | 'anyone'): Promise<ImageRow> {
  const image = usableBy === 'caller' ? await findUsableImage(ctx.db, ctx.zone, imageId, ctx.caller.user_id) : await findImage(ctx.db, ctx.zone, imageId)
  if (image?.status !== 'available') throw new ApiError('ConfigImageNotInZone', `image [${imageId}] of role [${role}] does not exist in zone [${ctx.zone}]`)
  return image
}

/**
 * The network a cluster's nodes go into, locked (after the action's declared locks): the base
 * network vxnet-0 or one of the caller's managed vxnets in the zone; 8003 for any other.
 */
export async function clusterNetwork(ctx: ActionContext, vxnetId: string): Promise<Network> {
  if (isBase(vxnetId)) return lockNetwork(ctx, vxnetId)
  const row = await findVxnet(ctx.db, ctx.zone, vxnetId)
  if (!row) throw invalidSetting(`vxnet [${vxnetId}] does not exist in zone [${ctx.zone}], the cluster can not be created in it`)
  if (row.owner !== ctx.caller.user_id) throw invalidSetting(`vxnet [${vxnetId}] does not belong to you, the cluster can not be created in it`)
  if (row.vxnet_type !== 1) throw invalidSetting(`vxnet [${vxnetId}] is self-managed, cluster nodes need a managed vxnet that hands out their addresses`)
  return lockNetwork(ctx, vxnetId)
}

export interface NodeBatch {
  /** The cluster's network, locked by clusterNetwork: each node gets an address in it at launch. */
  network: Network
  cluster_id: string
  role: string
  count: number
  shape: NodeShape
  storage_size: number
  instance_class: number
  image: ImageRow
  plan: Plan
}

/**
 * Launches `count` nodes of one role (quota is the caller's check) and records them. The nodes go
 * into the deployer's default security group (made now if needed: its lock is the quota lock the
 * action declared and already holds).
 */
export async function launchNodes(ctx: ActionContext, wallet: Wallet, batch: NodeBatch): Promise<ClusterNodeTable[]> {
  if (batch.count === 0) return []
  const shape = instanceShape(batch.shape)
  const hourly = await hourlyPriceIn(ctx.db, ctx.zone, instanceKind, { instance_type: shape.instance_type, cpu: shape.vcpus_current, memory: shape.memory_current })
  const instanceIds = await launchInstances(ctx, wallet, {
    count: batch.count,
    image: batch.image,
    shape,
    plan: batch.plan,
    hourly,
    instance_name: `${batch.cluster_id}-${batch.role}`,
    login_mode: 'passwd',
    os_disk_size: osDiskSize(batch.image.platform, batch.image.size, undefined),
    os_disk_encryption: 0,
    instance_class: batch.instance_class,
    cpu_model: 'Westmere',
    security_group_id: (await defaultGroupOf(ctx)).security_group_id,
  })
  await joinAtLaunch(ctx, [{ net: batch.network }], instanceIds)
  const time = formatTime(ctx.clock.now())
  const nodes = instanceIds.map((instance_id) => ({
    node_id: ctx.ids.resource('cln'),
    cluster_id: batch.cluster_id,
    instance_id,
    role: batch.role,
    name: '',
    storage_size: batch.storage_size,
    create_time: time,
  }))
  await ctx.db.insertInto('cluster_nodes').values(nodes).execute()
  return nodes
}
