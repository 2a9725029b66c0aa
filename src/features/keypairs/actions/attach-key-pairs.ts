// AttachKeyPairs: puts every listed key pair on every listed instance (asynchronous; see
// keypair-binding.ts for the rules and why attaching twice is harmless).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { bindingJob, settleBindingJob, startBindingJob } from '../keypair-binding.ts'

export const attachKeyPairs = defineAction({
  name: 'AttachKeyPairs',
  params: Type.Object({
    keypairs: List(Str()),
    instances: List(Str()),
  }),
  job: bindingJob,
  handle: (params, ctx) => startBindingJob(ctx, 'attach', params.keypairs, params.instances),
  settle: (job, ctx) => settleBindingJob('attach', job, ctx),
})
