// Signed-in people for access-key tests, made directly in the store (user row + session), so these
// tests do not depend on the Register/Login flow they are not about.
import { createSession } from '../../src/features/accounts/session-repo.ts'
import { createUser } from '../../src/features/accounts/user-repo.ts'
import { idGenerator } from '../../src/lib/ids.ts'
import type { Key, TestApp } from './harness.ts'

const ids = idGenerator()
let counter = 0

/** A new active user with an open session: send `token` as `{ token }` to t.account. */
export async function sessionUser(t: TestApp, role: 'user' | 'admin' = 'user'): Promise<{ user_id: string; token: string }> {
  const user = await createUser(t.store.db, ids, t.clock.now(), { email: `keys${++counter}@example.com`, user_name: `keys${counter}`, role })
  const { token } = await createSession(t.store.db, ids, user.user_id, t.clock.now(), 12)
  return { user_id: user.user_id, token }
}

/** Creates an access key over the wire (CreateAccessKey); returns it ready to sign with. */
export async function newAccessKey(t: TestApp, token: string, access_key_name = 'laptop'): Promise<Key> {
  const { body } = await t.account('CreateAccessKey', { access_key_name }, { token })
  if (body.ret_code !== 0) throw new Error(`CreateAccessKey: ${body.message}`)
  return { access_key_id: body.access_key_id, secret_access_key: body.secret_access_key }
}
