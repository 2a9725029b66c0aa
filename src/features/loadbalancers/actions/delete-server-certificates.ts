// DeleteServerCertificates: deletes the caller's certificates at once (no job: the docs' example and
// the Go SDK answer `server_certificates` only). A certificate an https listener still presents
// cannot go (5400 naming the listener: dissociate it or change the listener first); then nothing
// is deleted. The certificate rows are locked first, so a listener taking one up meanwhile either
// waits and finds it gone (2100) or is seen here.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { deleteCertificates, getCertificatesForUpdate } from '../certificate-repo.ts'
import { listenersUsingCertificates } from '../listener-repo.ts'

export const deleteServerCertificates = defineAction({
  name: 'DeleteServerCertificates',
  params: Type.Object({ server_certificates: List(Str()) }),
  async handle(params, ctx) {
    await getCertificatesForUpdate(ctx, 'server_certificates', params.server_certificates)
    const used = await listenersUsingCertificates(ctx.db, params.server_certificates)
    for (const id of params.server_certificates) {
      const listeners = used.get(id)
      if (listeners?.length) throw new ApiError('ResourceDependence', `server certificate [${id}] is still used by listener [${listeners[0]}], dissociate it from the listener first`)
    }
    await deleteCertificates(ctx.db, params.server_certificates)
    return { server_certificates: params.server_certificates }
  },
})
