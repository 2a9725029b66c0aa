// Signature authentication for the signed modules (`/iaas/`): finds the access key, recomputes the
// HMAC over every received parameter except `signature` (unknown ones such as the Python SDK's
// req_id and the CLI's expires included), compares in constant time, then checks freshness.
//
// Keys are kept in memory, their secrets opened, with their owner's role and status (absent keys
// too), under the cache epoch (store/cache-epoch.ts): creating, changing or deleting a key and
// changing a user's status or role bump it in the same transaction, so the very next request (in
// any process sharing the store) reads the key again.
import { createSecretKey, type KeyObject } from 'node:crypto'
import type { Logger } from 'pino'
import { ApiError } from '../../errors.ts'
import type { Clock } from '../../lib/clock.ts'
import { andThen } from '../../lib/maybe-promise.ts'
import type { SecretBox } from '../../lib/secret-box.ts'
import type { Caller } from '../../protocol/action.ts'
import type { Authenticate, SignedRequest } from '../../protocol/endpoint.ts'
import { hmacBase64, signatureMethods, signaturesMatch, stringToSign, type SignatureMethod } from '../../protocol/signature.ts'
import { checkFreshness, parseWireTime } from '../../protocol/time-stamp.ts'
import type { Queryable } from '../../store/database.ts'
import { type CacheEpoch, EpochCache } from '../../store/cache-epoch.ts'
import { findKeyForAuth } from './access-key-repo.ts'

export interface SignatureAuthDeps {
  /** Committed data outside any transaction (Store.readDb). */
  db: Queryable
  epoch: CacheEpoch
  box: SecretBox
  clock: Clock
  timestampWindowSeconds: number
  /** Logs the expected string-to-sign when a signature does not match (development aid). */
  debugSignatures: boolean
  log: Logger
}

function required(request: SignedRequest, name: string): string {
  const value = request.tree[name]
  if (typeof value !== 'string' || value === '') throw new ApiError('InvalidRequestFormat', `missing parameter ${name}`)
  return value
}

/** What a request needs of its key: the secret opened once (as a KeyObject, ready for HMAC), the owner's standing. */
interface KnownKey {
  access_key_id: string
  secret: KeyObject
  status: string
  owner: string
  role: string
  user_status: string
}

export function signatureAuth(deps: SignatureAuthDeps): Authenticate {
  const keys = new EpochCache<string, KnownKey | null>(deps.epoch)
  const loadKey = async (accessKeyId: string): Promise<KnownKey | null> => {
    const row = await findKeyForAuth(deps.db, accessKeyId)
    if (!row) return null
    const { secret_sealed, ...rest } = row
    return { ...rest, secret: createSecretKey(deps.box.open(secret_sealed), 'utf8') }
  }
  return (request) => {
    const accessKeyId = required(request, 'access_key_id')
    const signature = required(request, 'signature')
    const method = required(request, 'signature_method')
    if (!signatureMethods.includes(method as SignatureMethod)) {
      throw new ApiError('InvalidRequestFormat', `unsupported parameter signature_method value ${method}, use HmacSHA256 or HmacSHA1`)
    }
    const version = required(request, 'signature_version')
    if (version !== '1') throw new ApiError('InvalidRequestFormat', `unsupported parameter signature_version value ${version}`)
    if (request.tree.version !== undefined && request.tree.version !== '1') {
      throw new ApiError('InvalidRequestFormat', `unsupported parameter version value ${String(request.tree.version)}`)
    }
    const timeStamp = parseWireTime('time_stamp', request.tree.time_stamp)
    const expires = request.tree.expires === undefined ? undefined : parseWireTime('expires', request.tree.expires)

    // no promise while the key is cached (lib/maybe-promise.ts)
    return andThen(
      keys.get(accessKeyId, () => loadKey(accessKeyId)),
      (key) => verify(request, accessKeyId, key, signature, method as SignatureMethod, timeStamp, expires),
    )
  }

  function verify(request: SignedRequest, accessKeyId: string, key: KnownKey | null, signature: string, method: SignatureMethod, timeStamp: Date, expires: Date | undefined): Caller {
    if (!key) throw new ApiError('AuthFailure', `access key [${accessKeyId}] does not exist`)
    if (key.status !== 'active') throw new ApiError('AuthFailure', `access key [${accessKeyId}] is not active`)

    const text = stringToSign(request.method, request.path, request.pairs)
    const expected = hmacBase64(key.secret, method, text)
    if (!signaturesMatch(signature, expected)) {
      if (deps.debugSignatures) deps.log.warn({ request_id: request.requestId, string_to_sign: text }, 'signature not matched')
      throw new ApiError('AuthFailure', 'signature not matched')
    }

    checkFreshness(timeStamp, expires, deps.clock.now(), deps.timestampWindowSeconds)
    // only an authentic request learns that its account is banned
    if (key.user_status === 'banned') throw new ApiError('AccessDenied', `user [${key.owner}] is banned, access key [${accessKeyId}] can not be used`)
    return { user_id: key.owner, role: key.role === 'admin' ? 'admin' : 'user', access_key_id: key.access_key_id, session_id: '' } satisfies Caller
  }
}
