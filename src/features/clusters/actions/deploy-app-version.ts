// DeployAppVersion: a cluster from an app version and a configuration file (`conf`, compact JSON).
// The conf is checked against the version's template (conf.ts: 8004, 8000, 8003), each role's
// image found (nodes.ts: 8001, 8002), then the nodes are launched as instances with everything
// RunInstances checks (license, quota, hosts, price, balance). Answers CreateClusterResponse;
// the cluster is `pending`/`creating` until the job brings every node up.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction, type ActionContext } from '../../../protocol/action.ts'
import { Flag, Optional, Str } from '../../../protocol/params.ts'
import { findKey } from '../../access-keys/access-key-repo.ts'
import { findApp, findVersion } from '../../apps/app-repo.ts'
import { readTemplate, type AppTemplate, type EnvValue } from '../../apps/template.ts'
import { planOf } from '../../billing/contract.ts'
import { planParams } from '../../billing/plan-params.ts'
import { Wallet } from '../../billing/wallet.ts'
import { abandonInstances, bringUpInstances, instanceDemand } from '../../instances/launch.ts'
import { addDemands } from '../../quotas/quota.ts'
import type { ImageRow } from '../../images/image-repo.ts'
import { requireQuota } from '../../quotas/quota-check.ts'
import { stateRule } from '../../resources/guards.ts'
import { CLUSTER_TRANSITIONS, setClusterState } from '../cluster-repo.ts'
import { parseConf, planCluster } from '../conf.ts'
import { clusterNetwork, instanceShape, launchNodes, roleImage } from '../nodes.ts'

export const deployAppVersion = defineAction({
  name: 'DeployAppVersion',
  locks: ['wallet', 'quota', 'hosts'],
  jobLocks: ['wallet', 'hosts'],
  replyAction: 'CreateCluster',
  params: Type.Object({
    version_id: Str({ maxLength: 64 }),
    // optional here so that its absence is the configuration-file error 8004, not 1100
    conf: Optional(Str({ maxLength: 256 * 1024 })),
    app_id: Optional(Str({ maxLength: 64 })),
    app_type: Optional(Str({ maxLength: 32 })),
    debug: Optional(Flag()),
    hypervisor: Optional(Str({ maxLength: 32 })),
    owner: Optional(Str()),
    ...planParams,
  }),
  workMs: 3000,

  async handle(params, ctx) {
    // held already: the endpoint took the declared locks (protocol/locks.ts)
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    if (params.conf === undefined) {
      throw new ApiError('ConfigFileMissing', `missing configuration file: parameter conf is required to deploy [${params.version_id}]`)
    }
    const version = await findVersion(ctx.db, params.version_id)
    if (!version) throw new ApiError('ResourceNotFound', `resource [${params.version_id}] not found`)
    const app = await findApp(ctx.db, version.app_id)
    if (params.app_id !== undefined && params.app_id !== version.app_id) {
      throw new ApiError('InvalidRequestFormat', `parameter app_id [${params.app_id}] is not the app of version [${version.version_id}], which is [${version.app_id}]`)
    }
    if (version.status !== 'active') throw stateRule('app version', version.version_id, `is [${version.status}]`, 'can not be deployed')
    if (app && app.status !== 'active') throw stateRule('app', app.app_id, `is [${app.status}]`, 'can not be deployed')

    const template = readTemplate(version.template)
    const plan = planCluster(parseConf(params.conf), template, version.version_id)
    await requireOwnAccessKeys(ctx, template, plan.env)
    // vxnet-0 or one of the caller's managed vxnets (8003 otherwise), locked
    const network = await clusterNetwork(ctx, plan.vxnet)
    const roles = plan.roles.filter((r) => r.count > 0)
    const images = new Map<string, ImageRow>()
    for (const role of roles) images.set(role.role, await roleImage(ctx, version.version_id, role.role, role.image))
    const lease = planOf(params)

    // quota for the whole cluster at once, so a refusal names what the cluster needs
    await requireQuota(ctx, ctx.zone, roles.map((r) => instanceDemand(r.count, instanceShape(r.shape))).reduce(addDemands, {}))

    const cluster_id = ctx.ids.resource('cl')
    const nodes = []
    for (const role of roles) {
      nodes.push(
        ...(await launchNodes(ctx, wallet, { network, cluster_id, role: role.role, count: role.count, shape: role.shape, storage_size: role.volume_size, instance_class: role.instance_class, image: images.get(role.role)!, plan: lease })),
      )
    }
    const time = formatTime(ctx.clock.now())
    await ctx.db
      .insertInto('clusters')
      .values({
        cluster_id,
        zone_id: ctx.zone,
        owner: ctx.caller.user_id,
        name: plan.name,
        description: plan.description,
        app_id: version.app_id,
        version_id: version.version_id,
        vxnet_id: plan.vxnet,
        global_uuid: plan.global_uuid,
        env: JSON.stringify(storedEnv(plan.env, template, ctx.seal)),
        status: 'pending',
        transition_status: CLUSTER_TRANSITIONS.create,
        create_time: time,
        status_time: time,
      })
      .execute()
    const instanceIds = nodes.map((n) => n.instance_id)
    const job_id = await ctx.jobs.start({ resource_ids: [cluster_id, ...instanceIds] })
    return {
      cluster_id,
      cluster_name: plan.name,
      app_id: version.app_id,
      app_version: version.version_id,
      node_ids: nodes.map((n) => n.node_id),
      node_count: nodes.length,
      vxnet_id: plan.vxnet,
      job_id,
    }
  },

  async settle(job, ctx) {
    const now = ctx.clock.now()
    await bringUpInstances(
      ctx.db,
      job.resource_ids.filter((id) => id.startsWith('i-')),
      now,
    )
    await setClusterState(
      ctx.db,
      job.resource_ids.filter((id) => id.startsWith('cl-')),
      { status: 'active', transition_status: '' },
      now,
    )
  },

  // the nodes never came up: refunded and ceased, and the cluster with them
  async onFailure(job, ctx) {
    await abandonInstances(
      ctx,
      job.resource_ids.filter((id) => id.startsWith('i-')),
    )
    await setClusterState(
      ctx.db,
      job.resource_ids.filter((id) => id.startsWith('cl-')),
      { status: 'ceased', transition_status: '' },
      ctx.clock.now(),
    )
  },
})

/** An `accesskey` parameter lets the cluster act as the deployer: it must name one of the deployer's keys (8000). */
async function requireOwnAccessKeys(ctx: ActionContext, template: AppTemplate, env: Record<string, EnvValue>): Promise<void> {
  for (const param of template.env.filter((p) => p.type === 'accesskey')) {
    const value = env[param.key]
    if (typeof value !== 'object') continue
    const key = await findKey(ctx.db, value.access_key_id)
    if (key?.owner !== ctx.caller.user_id) throw new ApiError('InvalidConfigParameter', `parameter env.${param.key} names access key [${value.access_key_id}], which is not one of yours`)
  }
}

/** The environment as stored: password parameters sealed under the master key, like access-key secrets. */
function storedEnv(env: Record<string, EnvValue>, template: AppTemplate, seal: (secret: string) => string): Record<string, unknown> {
  const passwords = new Set(template.env.filter((p) => p.type === 'password').map((p) => p.key))
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, passwords.has(key) && typeof value === 'string' && value !== '' ? { sealed: seal(value) } : value]))
}
