// AssociateServerCertsToLBListener (the docs' wire name; their file says
// AssociateServerCertsToLoadbalancerListener): adds the caller's certificates
// (`server_certificates.N`) to what one of the caller's https or ssl listeners presents (1400 for
// another protocol), after those it has, in the order given; one it presents already stays where it
// is. Its load balancer must be configurable and becomes is_applied=0. Answers ret_code only.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { List, Str } from '../../../protocol/params.ts'
import { stateRule } from '../../resources/guards.ts'
import { getCertificatesForUpdate } from '../certificate-repo.ts'
import { markNotApplied } from '../lb-repo.ts'
import { lockListenersForChange } from '../listener-access.ts'
import { certificateIdsOf, setListenerCertificates } from '../listener-repo.ts'
import { needsCertificate } from '../listener-rules.ts'

export const associateServerCertsToLbListener = defineAction({
  name: 'AssociateServerCertsToLBListener',
  params: Type.Object({
    server_certificates: List(Str()),
    loadbalancer_listener: Str(),
  }),
  async handle({ server_certificates, loadbalancer_listener }, ctx) {
    const { listeners } = await lockListenersForChange(ctx, 'loadbalancer_listener', [loadbalancer_listener])
    const listener = listeners[0]!
    if (!needsCertificate(listener.listener_protocol)) throw stateRule('loadbalancer_listener', loadbalancer_listener, `is ${listener.listener_protocol}`, 'only https and ssl listeners present server certificates')
    await getCertificatesForUpdate(ctx, 'server_certificates', server_certificates)
    const presented = (await certificateIdsOf(ctx.db, [loadbalancer_listener])).get(loadbalancer_listener) ?? []
    await setListenerCertificates(ctx.db, loadbalancer_listener, [...presented, ...server_certificates.filter((id) => !presented.includes(id))])
    await markNotApplied(ctx.db, [listener.loadbalancer_id])
    return {}
  },
})
