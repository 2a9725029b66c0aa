// Every signed-in page, in navigation order. To add a page: ONE line here (and its i18n label key).
// `group` places it in the left navigation; `hidden` pages (details: `/instances/:id`) get a route
// but no nav entry; `adminOnly` pages (and the whole admin group) show and route only for admins.
import type { ComponentType } from 'react'
import type { MessageKey } from './i18n/index.ts'
import { KeyPairsPage } from './pages/compute/keypairs.tsx'
import { OverviewPage } from './pages/home/overview.tsx'
import { AppsPage } from './pages/appcenter/apps.tsx'
import { ClusterDetailPage, ClustersPage } from './pages/appcenter/clusters.tsx'
import { CertificatesPage } from './pages/loadbalancers/certificates.tsx'
import { LoadBalancerDetailPage } from './pages/loadbalancers/loadbalancer-detail.tsx'
import { LoadBalancersPage } from './pages/loadbalancers/loadbalancers.tsx'
import { PolicyDetailPage, PoliciesPage } from './pages/loadbalancers/policies.tsx'

export type NavGroup = 'home' | 'compute' | 'network' | 'loadbalancers' | 'storage' | 'appcenter' | 'money' | 'admin'
export const NAV_GROUPS: readonly NavGroup[] = ['home', 'compute', 'network', 'loadbalancers', 'storage', 'appcenter', 'money', 'admin']

export interface PageRoute {
  /** wouter pattern, e.g. '/instances' or '/instances/:id' (read params with useParams()). */
  path: string
  group: NavGroup
  label: MessageKey
  component: ComponentType
  adminOnly?: boolean
  hidden?: boolean
}

export const routes: PageRoute[] = [
  { path: '/', group: 'home', label: 'home.title', component: OverviewPage },
  { path: '/keypairs', group: 'compute', label: 'keypairs.title', component: KeyPairsPage },
  { path: '/loadbalancers', group: 'loadbalancers', label: 'loadbalancers.title', component: LoadBalancersPage },
  { path: '/loadbalancers/:id', group: 'loadbalancers', label: 'loadbalancers.title', component: LoadBalancerDetailPage, hidden: true },
  { path: '/server-certificates', group: 'loadbalancers', label: 'certificates.title', component: CertificatesPage },
  { path: '/lb-policies', group: 'loadbalancers', label: 'lbpolicies.title', component: PoliciesPage },
  { path: '/lb-policies/:id', group: 'loadbalancers', label: 'lbpolicies.title', component: PolicyDetailPage, hidden: true },
  { path: '/apps', group: 'appcenter', label: 'clusters.appsTitle', component: AppsPage },
  { path: '/clusters', group: 'appcenter', label: 'clusters.title', component: ClustersPage },
  { path: '/clusters/:id', group: 'appcenter', label: 'clusters.title', component: ClusterDetailPage, hidden: true },
  // ← one line per page, e.g. { path: '/instances', group: 'compute', label: 'compute.instances', component: InstancesPage },
]

export function visibleRoutes(role: string): PageRoute[] {
  return routes.filter((r) => role === 'admin' || !(r.adminOnly || r.group === 'admin'))
}
