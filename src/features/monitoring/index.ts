// monitoring: the source of every Get…Monitor series (series.ts, signal.ts; docs/ARCHITECTURE.md
// "Monitoring") and GetMonitor / GetMonitors for instances, volumes and EIPs (reference
// monitoring.md). Each feature shapes its own meters in its monitor-series.ts (instances, volumes,
// eips); load balancers answer GetLoadBalancerMonitor themselves, and an EIP bound to one answers
// the load balancer's series.
//
// Limitations: routers (rtr-…, meters vxnet-0 and <vxnet id>) are not monitored (1100); steps are
// 5m/15m/2h/1d only (30m and 1h answer 1100, as the Go SDK refuses them); history the store does not
// keep is not shown: an instance's stops come from its StopInstances / StartInstances jobs (a
// cluster's or an arrears suspension before its last start are not seen); disk and NIC meters
// only for volumes and NICs attached now, from their attachment on; EIP traffic only while
// associated now, from its association on. Memory and disk-us are answered for every image
// (QingCloud leaves them out for Windows and old kernels). GetMonitors reads at most 100 resources.
import type { Action } from '../../protocol/action.ts'
import { getMonitor, getMonitors } from './actions/get-monitor.ts'

export const monitoringActions: Action[] = [getMonitor, getMonitors]
