// DissociateServerCertsFromLBListener (the docs' wire name; their file says
// DissociateServerCertsFromLoadbalancerListener): stops one of the caller's https or ssl listeners
// presenting the caller's certificates (`server_certificates.N`); a certificate it does not present
// is 1100, a listener of another protocol 1400. Without `loadbalancer_listener`, the certificates
// leave every listener that presents them. An https or ssl listener keeps at least one certificate:
// taking its last is 1400. The load balancers must be configurable and become is_applied=0. Answers
// ret_code only.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { List, Optional, Str } from '../../../protocol/params.ts'
import { requireDistinct, requireOwned, stateRule } from '../../resources/guards.ts'
import { findCertificates, getCertificatesForUpdate } from '../certificate-repo.ts'
import { markNotApplied } from '../lb-repo.ts'
import { lockListenersForChange } from '../listener-access.ts'
import { certificateIdsOf, listenersUsingCertificates, setListenerCertificates } from '../listener-repo.ts'
import { needsCertificate } from '../listener-rules.ts'
import { blank } from '../../resources/wire-values.ts'

export const dissociateServerCertsFromLbListener = defineAction({
  name: 'DissociateServerCertsFromLBListener',
  params: Type.Object({
    server_certificates: List(Str()),
    loadbalancer_listener: Optional(Str()),
  }),
  async handle(params, ctx) {
    const certificates = params.server_certificates
    const named = blank(params.loadbalancer_listener)
    requireDistinct('server_certificates', certificates)
    // the certificates are the caller's (checked before anything is locked, and again once locked)
    requireOwned(await findCertificates(ctx.db, ctx.zone, certificates), certificates, (c) => c.server_certificate_id, ctx.caller)
    const listenerIds = named !== '' ? [named] : [...new Set([...(await listenersUsingCertificates(ctx.db, certificates)).values()].flat())].sort()
    const { listeners } = await lockListenersForChange(ctx, 'loadbalancer_listener', listenerIds)
    await getCertificatesForUpdate(ctx, 'server_certificates', [...certificates].sort())
    const presented = await certificateIdsOf(ctx.db, listenerIds)
    for (const l of listeners) {
      const id = l.loadbalancer_listener_id
      if (!needsCertificate(l.listener_protocol)) throw stateRule('loadbalancer_listener', id, `is ${l.listener_protocol}`, 'only https and ssl listeners present server certificates')
      const had = presented.get(id) ?? []
      if (named !== '') for (const c of certificates) if (!had.includes(c)) throw new ApiError('InvalidRequestFormat', `parameter server_certificates: server certificate [${c}] is not presented by loadbalancer_listener [${id}]`)
      const kept = had.filter((c) => !certificates.includes(c))
      if (kept.length === 0) throw stateRule('loadbalancer_listener', id, `is ${l.listener_protocol}`, 'it needs a server certificate, its last one can not be dissociated')
      if (kept.length !== had.length) await setListenerCertificates(ctx.db, id, kept)
    }
    await markNotApplied(
      ctx.db,
      listeners.map((l) => l.loadbalancer_id),
    )
    return {}
  },
})
