// The billing parameters every creating action accepts (RunInstances, CreateVolumes, …); see
// contract.ts planOf for what they mean. Spread into the action's params.
import { Flag, Int, Optional, Str } from '../../protocol/params.ts'

export const planParams = {
  charge_mode: Optional(Str({ maxLength: 32 })),
  duration: Optional(Str({ maxLength: 16 })),
  months: Optional(Int()),
  auto_renew: Optional(Flag()),
}
