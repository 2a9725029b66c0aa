// The load-balancer actions of one part: GetLoadBalancerMonitor.
//
// Behaviour: series come from the monitoring source (features/monitoring/series.ts, signal.ts):
// nothing is stored; a point is a pure function of the resource's id, the meter, the slot time and
// the resource's real life, so the same request gets the same answer from every process and after
// restarts. Points sit on multiples of the step (epoch seconds) inside [start_time, min(end_time,
// now)], only in steps the resource ran during (its leases, create_time, status_time of a stopped
// or deleted one), compressed as QingCloud does ([t0, v], bare values, [span, v] after a gap).
// Shapes (monitor-series.ts): traffic [in, out] bytes/s per bound EIP, from a share of its
// bandwidth that grows with the listeners and the backends up; listener request 14 fields (http,
// https) or 4 (tcp, udp, ssl); backend request 8 fields (http, https) or a plain integer.
//
// Limitations: steps are 5m, 15m, 2h, 1d only (the Python SDK's 30m and 1h answer 1100, as the Go
// SDK refuses them); 5m/15m reach back 15 days; a series spans at most 5000 slots (1100 beyond);
// end_time must be after start_time. History the store does not keep is not shown: a deleted
// listener or backend, an EIP dissociated (its traffic goes with it), the time a load balancer was
// suspended before it resumed, or when an instance behind a backend stopped before its last start
// (a backend counts as up since its running instance's status_time). A load balancer without EIPs
// answers one data_set entry with eip_id '' (drawn as 100 Mbps); listener and backend request
// series are one entry with eip_id ''. The Go SDK's Meter has no data_set, so Go callers see only
// meter_id (the reply still decodes).
import type { Action } from '../../protocol/action.ts'
import { getLoadBalancerMonitor } from './actions/get-loadbalancer-monitor.ts'

export const monitorActions: Action[] = [getLoadBalancerMonitor]
