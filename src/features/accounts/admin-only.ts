// The admin module's authentication: a valid signature by an admin's access key. Anyone else who
// signs correctly is told 1400; the role is only checked once the signature holds.
import { ApiError } from '../../errors.ts'
import { andThen } from '../../lib/maybe-promise.ts'
import type { Authenticate } from '../../protocol/endpoint.ts'

export function adminOnly(signature: Authenticate): Authenticate {
  return (request, module) =>
    andThen(signature(request, module), (caller) => {
      if (caller.role !== 'admin') throw new ApiError('PermissionDenied', `user [${caller.user_id}] is not an administrator, action [${String(request.tree.action)}] needs one`)
      return caller
    })
}
