// Every signed-in page, in navigation order. To add a page: ONE line here (and its i18n label key).
// `group` places it in the left navigation; `hidden` pages (details: `/instances/:id`) get a route
// but no nav entry; `adminOnly` pages (and the whole admin group) show and route only for admins.
import type { ComponentType } from 'react'
import type { MessageKey } from './i18n/index.ts'
import { ImagesPage } from './pages/compute/images.tsx'
import { InstanceDetailPage } from './pages/compute/instance-detail.tsx'
import { InstancesPage } from './pages/compute/instances.tsx'
import { KeyPairsPage } from './pages/compute/keypairs.tsx'
import { TagsPage } from './pages/compute/tags.tsx'
import { OverviewPage } from './pages/home/overview.tsx'
import { SnapshotsPage } from './pages/storage/snapshots.tsx'
import { VolumesPage } from './pages/storage/volumes.tsx'

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
  { path: '/tags', group: 'compute', label: 'tags.title', component: TagsPage },
  { path: '/volumes', group: 'storage', label: 'volumes.title', component: VolumesPage },
  { path: '/snapshots', group: 'storage', label: 'snapshots.title', component: SnapshotsPage },
  // ← one line per page, e.g. { path: '/instances', group: 'compute', label: 'compute.instances', component: InstancesPage },
]

export function visibleRoutes(role: string): PageRoute[] {
  return routes.filter((r) => role === 'admin' || !(r.adminOnly || r.group === 'admin'))
}
