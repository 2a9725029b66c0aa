// ModifyServerCertificateAttributes: a certificate's name and description (the PEM texts never
// change: a new certificate is a new one). Terraform clears a field by sending one space, so a
// value of spaces only empties the name and clears the description; `description=` clears it too.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { type CertificateChange, getCertificatesForUpdate, updateCertificate } from '../certificate-repo.ts'
import { MAX_DESCRIPTION_LENGTH, NameParam } from '../policy-params.ts'
import { blank } from '../../resources/wire-values.ts'

export const modifyServerCertificateAttributes = defineAction({
  name: 'ModifyServerCertificateAttributes',
  params: Type.Object({
    server_certificate: Str(),
    server_certificate_name: NameParam(),
    description: Optional(Str({ maxLength: MAX_DESCRIPTION_LENGTH, keepEmpty: true })),
  }),
  async handle(params, ctx) {
    await getCertificatesForUpdate(ctx, 'server_certificate', [params.server_certificate])
    const change: CertificateChange = {}
    if (params.server_certificate_name !== undefined) change.server_certificate_name = blank(params.server_certificate_name)
    if (params.description !== undefined) change.description = blank(params.description) || null
    await updateCertificate(ctx.db, params.server_certificate, change)
    return {}
  },
})
