// ArmFault (admin): the next `count` calls of `fault_action` (in any module), or only those signed
// with the access key `fault_access_key`, answer `ret_code` with a message saying the fault is
// scripted. (The parameter cannot be called access_key_id: that name is the signing key's.) The
// fault is taken after authentication and before parameters are read, so a hit call changes
// nothing. `ret_code` must be a code of the catalogue (src/errors.ts), not 0. The action name is
// checked for its form only: features cannot see the module registry, so a name no module has is
// armed and never hit (DescribeFaults shows it). The fault actions themselves cannot be armed, so
// a fault can always be disarmed.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Int, Optional, Str } from '../../../protocol/params.ts'
import { findKey } from '../../access-keys/access-key-repo.ts'
import { ACTION_NAME, insertFault, requireErrorCode } from '../fault.ts'

const FAULT_ACTIONS = ['ArmFault', 'ArmJobFault', 'DescribeFaults', 'DisarmFaults']

export const armFault = defineAction({
  name: 'ArmFault',
  zone: 'none',
  params: Type.Object({
    fault_action: Str({ maxLength: 64, pattern: ACTION_NAME }),
    ret_code: Int(),
    count: Optional(Int({ minimum: 1, maximum: 1000 })),
    fault_access_key: Optional(Str({ maxLength: 64 })),
  }),
  async handle(params, ctx) {
    if (FAULT_ACTIONS.includes(params.fault_action)) {
      throw new ApiError('InvalidRequestFormat', `parameter fault_action [${params.fault_action}] cannot be armed, the fault actions must stay usable to disarm faults`)
    }
    const ret_code = requireErrorCode(params.ret_code)
    const access_key_id = params.fault_access_key ?? ''
    if (access_key_id) {
      const key = await findKey(ctx.db, access_key_id)
      if (!key) throw new ApiError('ResourceNotFound', `access key [${access_key_id}] not found`)
    }
    const fault_id = await insertFault(ctx, { kind: 'reply', action: params.fault_action, access_key_id, ret_code, remaining: params.count ?? 1 })
    ctx.log.warn({ fault_id, fault_action: params.fault_action, ret_code }, 'scripted reply fault armed')
    return { fault_id }
  },
})
