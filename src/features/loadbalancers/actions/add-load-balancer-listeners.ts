// AddLoadBalancerListeners: adds listeners to one of the caller's load balancers (not deleted or
// ceased, not in a transition) and answers their ids (`loadbalancer_listeners`). Every listener is
// checked (listener-rules.ts: protocols, balance mode, session sticky, health check, ints, scene)
// with its defaults filled in before any is written; a port already taken on the load balancer for
// the same transport (tcp family or udp), or given twice, is 2110. https and ssl listeners present
// the caller's certificates (`server_certificate_id` as `a,b` or a JSON array). Fields the Go SDK
// adds (listeners.N.loadbalancer_listener_id, listeners.N.loadbalancer_id, …) are ignored. The load
// balancer becomes is_applied=0 until UpdateLoadBalancers.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Int, Str } from '../../../protocol/params.ts'
import type { LoadBalancerListenerTable } from '../../../store/database.ts'
import { getCertificatesForUpdate } from '../certificate-repo.ts'
import { requireConfigurable } from '../listener-access.ts'
import { getLoadBalancersForUpdate, markNotApplied } from '../lb-repo.ts'
import { insertListeners, listenersOf, setListenerCertificates } from '../listener-repo.ts'
import { CertificateIdsParam, checkCertificateCount, checkListener, LISTENER_SETTINGS, listenerDefaults, MAX_PER_REQUEST, parseCertificateIds, requireFreePorts, settingOf } from '../listener-rules.ts'
import { blank } from '../../resources/wire-values.ts'

export const addLoadBalancerListeners = defineAction({
  name: 'AddLoadBalancerListeners',
  params: Type.Object({
    loadbalancer: Str(),
    listeners: Type.Array(
      Type.Object({
        listener_port: Int({ minimum: 1, maximum: 65535 }),
        listener_protocol: Str({ maxLength: 32 }),
        backend_protocol: Type.Optional(Str({ maxLength: 32 })),
        server_certificate_id: CertificateIdsParam(),
        ...LISTENER_SETTINGS,
      }),
      { maxItems: MAX_PER_REQUEST },
    ),
  }),
  async handle({ loadbalancer, listeners }, ctx) {
    if (listeners.length === 0) throw new ApiError('InvalidRequestFormat', 'missing parameter listeners')
    const [lb] = await getLoadBalancersForUpdate(ctx, 'loadbalancer', [loadbalancer])
    requireConfigurable(lb!)
    const checked = listeners.map((l, i) => {
      const names = (field: string) => `listeners.${i + 1}.${field}`
      const d = listenerDefaults(l.listener_protocol)
      const content = checkListener(
        {
          listener_port: l.listener_port,
          listener_protocol: l.listener_protocol,
          loadbalancer_listener_name: blank(l.loadbalancer_listener_name),
          backend_protocol: settingOf(l.backend_protocol, d.backend_protocol, d.backend_protocol),
          balance_mode: settingOf(l.balance_mode, d.balance_mode, d.balance_mode),
          session_sticky: blank(l.session_sticky),
          forwardfor: l.forwardfor ?? d.forwardfor,
          healthy_check_method: settingOf(l.healthy_check_method, d.healthy_check_method, d.healthy_check_method),
          healthy_check_option: settingOf(l.healthy_check_option, d.healthy_check_option, d.healthy_check_option),
          listener_option: l.listener_option ?? d.listener_option,
          tunnel_timeout: l.tunnel_timeout ?? d.tunnel_timeout,
          timeout: l.timeout ?? d.timeout,
          scene: l.scene ?? d.scene,
        },
        names,
      )
      const certificates = parseCertificateIds(l.server_certificate_id, names('server_certificate_id')) ?? []
      checkCertificateCount(content.listener_protocol, certificates, names('server_certificate_id'))
      return { content, certificates }
    })
    requireFreePorts(
      loadbalancer,
      (await listenersOf(ctx.db, [loadbalancer])).get(loadbalancer) ?? [],
      checked.map((c) => c.content),
      (i) => `listeners.${i + 1}.listener_port`,
    )
    // the caller's certificates, locked after the load balancer and all at once (in id order)
    await getCertificatesForUpdate(ctx, 'server_certificate_id', [...new Set(checked.flatMap((c) => c.certificates))].sort())
    const time = formatTime(ctx.clock.now())
    const rows: LoadBalancerListenerTable[] = checked.map(({ content }) => ({ ...content, loadbalancer_listener_id: ctx.ids.resource('lbl'), loadbalancer_id: loadbalancer, zone_id: ctx.zone, owner: ctx.caller.user_id, create_time: time }))
    await insertListeners(ctx.db, rows)
    for (const [i, row] of rows.entries()) await setListenerCertificates(ctx.db, row.loadbalancer_listener_id, checked[i]!.certificates)
    await markNotApplied(ctx.db, [loadbalancer])
    return { loadbalancer_listeners: rows.map((r) => r.loadbalancer_listener_id) }
  },
})
