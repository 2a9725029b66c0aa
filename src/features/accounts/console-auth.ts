// The console is a client of `/iaas/` and `/admin/` like the SDKs, but it holds no access key: a
// request without `access_key_id` that carries the session cookie is authenticated by the session
// (with its CSRF token: csrf.ts), anything else as a signed request, exactly as before. The admin
// module wraps this in adminOnly, so a console user reaches admin actions only with the admin role.
import type { Authenticate } from '../../protocol/endpoint.ts'
import { SESSION_COOKIE } from './session-repo.ts'

export function signatureOrSession(signature: Authenticate, session: Authenticate): Authenticate {
  return (request, module) => (request.tree.access_key_id === undefined && request.bearer === undefined && request.cookies[SESSION_COOKIE] !== undefined ? session(request, module) : signature(request, module))
}
