// ActivateHosts (admin): draining hosts take new instances again. Idempotent.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { setHostStatus } from './drain-hosts.ts'

export const activateHosts = defineAction({
  name: 'ActivateHosts',
  zone: 'none',
  params: Type.Object({ hosts: List(Str({ maxLength: 64 })) }),
  handle: (params, ctx) => setHostStatus(ctx.db, ctx.caps, params.hosts, 'active'),
})
