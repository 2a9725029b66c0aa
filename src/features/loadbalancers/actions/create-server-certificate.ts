// CreateServerCertificate: stores a server certificate (an https listener presents it) and answers
// its `server_certificate_id` (sc-…). Clients send it as a POST with a form body (docs, both SDKs),
// so the PEM texts need no query string; a GET is accepted too. `certificate_content` is the
// server's certificate followed by any chain certificates, `private_key` its unencrypted key: both
// must parse and match (certificate-pem.ts), else 1100 naming the problem and nothing stored. An
// expired certificate is accepted, as QingCloud stores it. The key is sealed with the master key in
// the store and opened only for DescribeServerCertificates. Certificates are free and have no quota.
import Type from 'typebox'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import { checkPrivateKey, MAX_CERTIFICATE_LENGTH, MAX_PRIVATE_KEY_LENGTH, parseCertificateChain } from '../certificate-pem.ts'
import { insertCertificate } from '../certificate-repo.ts'
import { NameParam } from '../policy-params.ts'
import { blank } from '../../resources/wire-values.ts'

export const createServerCertificate = defineAction({
  name: 'CreateServerCertificate',
  params: Type.Object({
    server_certificate_name: NameParam(),
    certificate_content: Str({ maxLength: MAX_CERTIFICATE_LENGTH }),
    private_key: Str({ maxLength: MAX_PRIVATE_KEY_LENGTH }),
  }),
  // parsing and the key check need no database: done before the transaction opens
  async prepare(params) {
    checkPrivateKey(params.private_key, parseCertificateChain(params.certificate_content))
  },
  async handle(params, ctx) {
    const server_certificate_id = ctx.ids.resource('sc')
    await insertCertificate(ctx.db, {
      server_certificate_id,
      zone_id: ctx.zone,
      owner: ctx.caller.user_id,
      server_certificate_name: blank(params.server_certificate_name),
      description: null,
      certificate_content: params.certificate_content,
      private_key: ctx.seal(params.private_key),
      create_time: formatTime(ctx.clock.now()),
    })
    return { server_certificate_id }
  },
})
