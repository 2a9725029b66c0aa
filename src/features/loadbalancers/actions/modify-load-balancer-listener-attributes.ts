// ModifyLoadBalancerListenerAttributes: changes one of the caller's listeners: its name, balance
// mode, session sticky, forwardfor, health check method and option, listener_option,
// tunnel_timeout, timeout, scene and certificates (`server_certificate_id` as `server_certificate_id.N`
// (Go), `a,b` or a JSON array; `" "` clears, which an https or ssl listener refuses: it needs one).
// Its port and protocols stay (the Go SDK and terraform do not send them; they are ignored). A value
// not given stays; a whitespace-only one resets the field to its default (`''` for the name and
// session sticky); the listener as it will be is checked again as a whole (listener-rules.ts). Its
// load balancer must be configurable and becomes is_applied=0. Answers ret_code only.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import { getCertificatesForUpdate } from '../certificate-repo.ts'
import { markNotApplied } from '../lb-repo.ts'
import { lockListenersForChange } from '../listener-access.ts'
import { setListenerCertificates, updateListener } from '../listener-repo.ts'
import { CertificateIdsParam, checkCertificateCount, checkListener, LISTENER_SETTINGS, listenerDefaults, parseCertificateIds, settingOf } from '../listener-rules.ts'

export const modifyLoadBalancerListenerAttributes = defineAction({
  name: 'ModifyLoadBalancerListenerAttributes',
  params: Type.Object({
    loadbalancer_listener: Str(),
    server_certificate_id: CertificateIdsParam(),
    ...LISTENER_SETTINGS,
  }),
  async handle(params, ctx) {
    const { listeners } = await lockListenersForChange(ctx, 'loadbalancer_listener', [params.loadbalancer_listener])
    const old = listeners[0]!
    const d = listenerDefaults(old.listener_protocol)
    const names = (field: string) => field
    const content = checkListener(
      {
        listener_port: old.listener_port,
        listener_protocol: old.listener_protocol,
        backend_protocol: old.backend_protocol,
        loadbalancer_listener_name: settingOf(params.loadbalancer_listener_name, old.loadbalancer_listener_name, ''),
        balance_mode: settingOf(params.balance_mode, old.balance_mode, d.balance_mode),
        session_sticky: settingOf(params.session_sticky, old.session_sticky, ''),
        forwardfor: params.forwardfor ?? old.forwardfor,
        healthy_check_method: settingOf(params.healthy_check_method, old.healthy_check_method, d.healthy_check_method),
        healthy_check_option: settingOf(params.healthy_check_option, old.healthy_check_option, d.healthy_check_option),
        listener_option: params.listener_option ?? old.listener_option,
        tunnel_timeout: params.tunnel_timeout ?? old.tunnel_timeout,
        timeout: params.timeout ?? old.timeout,
        scene: params.scene ?? old.scene,
      },
      names,
    )
    const certificates = parseCertificateIds(params.server_certificate_id, 'server_certificate_id')
    if (certificates !== undefined) {
      checkCertificateCount(old.listener_protocol, certificates, 'server_certificate_id')
      await getCertificatesForUpdate(ctx, 'server_certificate_id', [...certificates].sort())
    }
    const { listener_port: _port, listener_protocol: _protocol, backend_protocol: _backend, ...change } = content
    await updateListener(ctx.db, old.loadbalancer_listener_id, change)
    if (certificates !== undefined) await setListenerCertificates(ctx.db, old.loadbalancer_listener_id, certificates)
    await markNotApplied(ctx.db, [old.loadbalancer_id])
    return {}
  },
})
