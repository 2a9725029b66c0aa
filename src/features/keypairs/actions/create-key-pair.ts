// CreateKeyPair: mode=system generates a real key pair and hands the private key back once (it is
// never stored); mode=user imports the caller's OpenSSH public key. The Go SDK always sends
// `encrypt_method=ssh-rsa&mode=system`, so encrypt_method is ignored for imports (the key says
// what it is).
import Type, { type Static } from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { OneOf, Optional, Str } from '../../../protocol/params.ts'
import { insertKeyPair } from '../keypair-repo.ts'
import { precheckQuota, requireQuota } from '../../quotas/quota-check.ts'
import { generateSshKeyPair, InvalidPublicKey, KEY_TYPES, parsePublicKey, type KeyType } from '../ssh-keys.ts'

const params = Type.Object({
  keypair_name: Optional(Str({ maxLength: 255 })),
  mode: Optional(OneOf(['system', 'user'])),
  encrypt_method: Optional(OneOf(KEY_TYPES)),
  public_key: Optional(Str({ maxLength: 16384 })),
  description: Optional(Str({ maxLength: 1024 })),
})

interface KeyMaterial {
  encrypt_method: KeyType
  pub_key: string
  /** Returned once, never stored; '' for an imported key. */
  private_key: string
}

/** An imported key, checked; or, for mode=system, the type to generate. Throws 1100 for bad parameters. */
function keyRequest(p: Static<typeof params>): KeyMaterial | { generate: KeyType } {
  if (p.mode === 'user') {
    if (p.public_key === undefined) throw new ApiError('InvalidRequestFormat', 'missing parameter public_key, mode [user] imports a public key')
    try {
      const { type, line } = parsePublicKey(p.public_key)
      return { encrypt_method: type, pub_key: line, private_key: '' }
    } catch (error) {
      if (error instanceof InvalidPublicKey) throw new ApiError('InvalidRequestFormat', `parameter public_key is not a valid public key: ${error.message}`)
      throw error
    }
  }
  // a key sent with mode=system would be silently replaced by a generated one: say so instead
  if (p.public_key !== undefined) throw new ApiError('InvalidRequestFormat', 'parameter public_key is only accepted with mode [user]')
  return { generate: (p.encrypt_method ?? 'ssh-rsa') as KeyType }
}

export const createKeyPair = defineAction({
  name: 'CreateKeyPair',
  locks: ['quota'],
  params,
  // generating an RSA key takes up to half a second (in the thread pool): never inside the
  // transaction, and only once parameters, zone (checked before prepare) and quota allow it, so a
  // refused caller costs nothing
  async prepare(p, ctx): Promise<KeyMaterial & { keypair_id: string }> {
    const request = keyRequest(p)
    await precheckQuota(ctx.db, ctx.caller.user_id, ctx.zone, { keypair: 1 })
    const keypair_id = ctx.ids.resource('kp')
    if (!('generate' in request)) return { keypair_id, ...request }
    const { publicKey, privateKey } = await generateSshKeyPair(request.generate, keypair_id)
    return { keypair_id, encrypt_method: request.generate, pub_key: publicKey, private_key: privateKey }
  },
  async handle(p, ctx, { keypair_id, encrypt_method, pub_key, private_key }) {
    // the pre-check saw the quota without its lock: this is the check that decides
    await requireQuota(ctx, ctx.zone, { keypair: 1 })
    await insertKeyPair(ctx.db, {
      keypair_id,
      zone_id: ctx.zone,
      owner: ctx.caller.user_id,
      keypair_name: p.keypair_name ?? '',
      description: p.description ?? null,
      encrypt_method,
      pub_key,
      create_time: formatTime(ctx.clock.now()),
    })
    return { keypair_id, private_key }
  },
})
