// DetachKeyPairs: takes every listed key pair off every listed instance (asynchronous; see
// keypair-binding.ts for the rules and why detaching a pair that is not attached is harmless).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { bindingJob, settleBindingJob, startBindingJob } from '../keypair-binding.ts'

export const detachKeyPairs = defineAction({
  name: 'DetachKeyPairs',
  params: Type.Object({
    keypairs: List(Str()),
    instances: List(Str()),
  }),
  job: bindingJob,
  handle: (params, ctx) => startBindingJob(ctx, 'detach', params.keypairs, params.instances),
  settle: (job, ctx) => settleBindingJob('detach', job, ctx),
})
