// CreateKeyPair: mode=system generates a real key pair and hands the private key back once (it is
// never stored); mode=user imports the caller's OpenSSH public key. The Go SDK always sends
// `encrypt_method=ssh-rsa&mode=system`, so encrypt_method is ignored for imports (the key says
// what it is).
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { OneOf, Optional, Str } from '../../../protocol/params.ts'
import { insertKeyPair } from '../keypair-repo.ts'
import { generateSshKeyPair, InvalidPublicKey, KEY_TYPES, parsePublicKey } from '../ssh-keys.ts'

export const createKeyPair = defineAction({
  name: 'CreateKeyPair',
  params: Type.Object({
    keypair_name: Optional(Str({ maxLength: 255 })),
    mode: Optional(OneOf(['system', 'user'])),
    encrypt_method: Optional(OneOf(KEY_TYPES)),
    public_key: Optional(Str({ maxLength: 16384 })),
    description: Optional(Str({ maxLength: 1024 })),
  }),
  async handle(params, ctx) {
    const keypair_id = ctx.ids.resource('kp')
    let encrypt_method: string
    let pub_key: string
    let private_key = ''

    if (params.mode === 'user') {
      if (params.public_key === undefined) throw new ApiError('InvalidRequestFormat', 'missing parameter public_key, mode [user] imports a public key')
      try {
        ;({ type: encrypt_method, line: pub_key } = parsePublicKey(params.public_key))
      } catch (error) {
        if (error instanceof InvalidPublicKey) throw new ApiError('InvalidRequestFormat', `parameter public_key is not a valid public key: ${error.message}`)
        throw error
      }
    } else {
      // a key sent with mode=system would be silently replaced by a generated one: say so instead
      if (params.public_key !== undefined) throw new ApiError('InvalidRequestFormat', 'parameter public_key is only accepted with mode [user]')
      encrypt_method = params.encrypt_method ?? 'ssh-rsa'
      const generated = await generateSshKeyPair(encrypt_method as (typeof KEY_TYPES)[number], keypair_id)
      pub_key = generated.publicKey
      private_key = generated.privateKey
    }

    await insertKeyPair(ctx.db, {
      keypair_id,
      zone_id: ctx.zone,
      owner: ctx.caller.user_id,
      keypair_name: params.keypair_name ?? '',
      description: params.description ?? null,
      encrypt_method,
      pub_key,
      create_time: formatTime(ctx.clock.now()),
    })
    return { keypair_id, private_key }
  },
})
