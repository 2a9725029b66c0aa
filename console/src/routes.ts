// Every signed-in page, in navigation order. To add a page: ONE line here (and its i18n label key).
// `group` places it in the left navigation; `hidden` pages (details: `/instances/:id`) get a route
// but no nav entry; `adminOnly` pages (and the whole admin group) show and route only for admins.
import type { ComponentType } from 'react'
import type { MessageKey } from './i18n/index.ts'
import { AdminAppsPage } from './pages/admin/apps.tsx'
import { AdminQuotasPage } from './pages/admin/quotas.tsx'
import { FaultsPage } from './pages/admin/faults.tsx'
import { HostsPage } from './pages/admin/hosts.tsx'
import { LicensePage } from './pages/admin/license.tsx'
import { OutboxPage } from './pages/admin/outbox.tsx'
import { PlatformPage } from './pages/admin/platform.tsx'
import { PricesPage } from './pages/admin/prices.tsx'
import { RechargesPage } from './pages/admin/recharges.tsx'
import { UsersPage } from './pages/admin/users.tsx'
import { ImagesPage } from './pages/compute/images.tsx'
import { InstanceDetailPage } from './pages/compute/instance-detail.tsx'
import { InstancesPage } from './pages/compute/instances.tsx'
import { KeyPairsPage } from './pages/compute/keypairs.tsx'
import { TagsPage } from './pages/compute/tags.tsx'
import { OverviewPage } from './pages/home/overview.tsx'
import { MoneyPage } from './pages/money/money.tsx'
import { QuotasPage } from './pages/money/quotas.tsx'
import { SettingsPage } from './pages/settings/settings.tsx'
import { EipPage, EipsPage } from './pages/network/eips.tsx'
import { NicsPage } from './pages/network/nics.tsx'
import { RouterPage, RoutersPage } from './pages/network/routers.tsx'
import { SecurityGroupPage, SecurityGroupsPage } from './pages/network/securitygroups.tsx'
import { VxnetPage, VxnetsPage } from './pages/network/vxnets.tsx'
import { SnapshotsPage } from './pages/storage/snapshots.tsx'
import { VolumesPage } from './pages/storage/volumes.tsx'
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
  { path: '/instances', group: 'compute', label: 'instances.title', component: InstancesPage },
  { path: '/instances/:id', group: 'compute', label: 'instances.title', component: InstanceDetailPage, hidden: true },
  { path: '/images', group: 'compute', label: 'images.title', component: ImagesPage },
  { path: '/keypairs', group: 'compute', label: 'keypairs.title', component: KeyPairsPage },
  { path: '/settings', group: 'home', label: 'settings.title', component: SettingsPage },
  { path: '/billing', group: 'money', label: 'money.title', component: MoneyPage },
  { path: '/quotas', group: 'money', label: 'quotas.title', component: QuotasPage },
  { path: '/admin/users', group: 'admin', label: 'admin.users', component: UsersPage, adminOnly: true },
  { path: '/admin/quotas', group: 'admin', label: 'admin.quotas', component: AdminQuotasPage, adminOnly: true },
  { path: '/admin/prices', group: 'admin', label: 'admin.prices', component: PricesPage, adminOnly: true },
  { path: '/admin/recharges', group: 'admin', label: 'admin.recharges', component: RechargesPage, adminOnly: true },
  { path: '/admin/hosts', group: 'admin', label: 'admin.hosts', component: HostsPage, adminOnly: true },
  { path: '/admin/license', group: 'admin', label: 'admin.license', component: LicensePage, adminOnly: true },
  { path: '/admin/apps', group: 'admin', label: 'adminapps.title', component: AdminAppsPage, adminOnly: true },
  { path: '/admin/platform', group: 'admin', label: 'admin.platform', component: PlatformPage, adminOnly: true },
  { path: '/admin/faults', group: 'admin', label: 'admin.faults', component: FaultsPage, adminOnly: true },
  { path: '/admin/outbox', group: 'admin', label: 'admin.outbox', component: OutboxPage, adminOnly: true },
  { path: '/security-groups', group: 'network', label: 'securitygroups.title', component: SecurityGroupsPage },
  { path: '/security-groups/:id', group: 'network', label: 'securitygroups.title', component: SecurityGroupPage, hidden: true },
  { path: '/vxnets', group: 'network', label: 'vxnets.title', component: VxnetsPage },
  { path: '/vxnets/:id', group: 'network', label: 'vxnets.title', component: VxnetPage, hidden: true },
  { path: '/eips', group: 'network', label: 'eips.title', component: EipsPage },
  { path: '/eips/:id', group: 'network', label: 'eips.title', component: EipPage, hidden: true },
  { path: '/routers', group: 'network', label: 'routers.title', component: RoutersPage },
  { path: '/routers/:id', group: 'network', label: 'routers.title', component: RouterPage, hidden: true },
  { path: '/nics', group: 'network', label: 'nics.title', component: NicsPage },
  { path: '/tags', group: 'compute', label: 'tags.title', component: TagsPage },
  { path: '/volumes', group: 'storage', label: 'volumes.title', component: VolumesPage },
  { path: '/snapshots', group: 'storage', label: 'snapshots.title', component: SnapshotsPage },
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
