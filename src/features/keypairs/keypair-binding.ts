// The shared half of AttachKeyPairs and DetachKeyPairs. Both are asynchronous: the request checks
// everything and marks the instances `updating` (a value terraform's state waiter accepts as "busy",
// and it keeps other operations off the instance until the job ends); the job then writes or
// removes the bindings and puts the instances back to rest.
//
// Both are idempotent per pair: attaching a key pair that is already attached, or detaching one that
// is not, succeeds and changes nothing. A client retrying after a lost reply gets the state it asked
// for instead of an error, and the bindings are the only state there is.
import Type, { type Static } from 'typebox'
import { ApiError } from '../../errors.ts'
import type { ActionContext, JobContext, RunningJob } from '../../protocol/action.ts'
import { lockInstances, setInstanceTransition } from '../instances/instance-repo.ts'
import { requireDistinct, requireIdle, requireOwned, stateRule } from '../resources/guards.ts'
import { clearTransitions } from '../resources/recycle-bin.ts'
import { bindKeyPairs, lockKeyPairs, unbindKeyPairs } from './keypair-repo.ts'

export type BindingChange = 'attach' | 'detach'

/** The job both actions declare: which pairs go on or off which instances. */
export const bindingJob = { payload: Type.Object({ keypairs: Type.Array(Type.String()), instances: Type.Array(Type.String()) }) }
type BindingPayload = Static<typeof bindingJob.payload>

/** Key pairs can be put on or taken off running and stopped instances only (reference 2.2). */
const BINDABLE = ['running', 'stopped']

export async function startBindingJob(ctx: ActionContext<BindingPayload>, change: BindingChange, keypairs: string[], instances: string[]): Promise<{ job_id: string }> {
  // `keypairs.1=` arrives as an empty list: the parameter was given but names nothing
  if (keypairs.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter keypairs')
  if (instances.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter instances')
  requireDistinct('keypairs', keypairs)
  requireDistinct('instances', instances)
  requireOwned(await lockKeyPairs(ctx.db, ctx.caps, ctx.zone, keypairs), keypairs, (k) => k.keypair_id, ctx.caller)
  const rows = requireOwned(await lockInstances(ctx.db, ctx.caps, ctx.zone, instances), instances, (i) => i.instance_id, ctx.caller)
  for (const instance of rows) {
    requireIdle('instance', instance.instance_id, instance)
    if (!BINDABLE.includes(instance.status)) throw stateRule('instance', instance.instance_id, `is [${instance.status}]`, `can not ${change} key pairs`)
  }
  await setInstanceTransition(ctx.db, instances, 'updating')
  return { job_id: await ctx.jobs.start({ resource_ids: [...keypairs, ...instances], payload: { keypairs, instances } }) }
}

export async function settleBindingJob(change: BindingChange, job: RunningJob<BindingPayload>, ctx: JobContext): Promise<void> {
  const { keypairs, instances } = job.payload
  if (change === 'attach') {
    // a key pair deleted while the job waited is skipped; the lock orders this against DeleteKeyPairs
    const alive = (await lockKeyPairs(ctx.db, ctx.caps, job.zone_id, keypairs)).map((k) => k.keypair_id)
    await bindKeyPairs(ctx.db, alive, instances, ctx.clock.now())
  } else {
    await unbindKeyPairs(ctx.db, keypairs, instances)
  }
  await clearTransitions(ctx.db, instances)
}
