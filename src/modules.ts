// The API modules: each request path names one, and each module lists its actions. A path that
// names no module is answered with 3300 InvalidAPIModule. `/iaas/` is QingCloud's; `/account/` (sessions)
// and `/admin/` (admin keys) are QingLocal's own. This list is the composition root's: protocol/ knows
// no feature, so app.ts and main.ts hand it to the endpoint.
import { accessKeyActions, accessKeySessionActions } from './features/access-keys/index.ts'
import { accountActions } from './features/accounts/index.ts'
import { adminActions } from './features/admin/index.ts'
import { appActions, appAdminActions } from './features/apps/index.ts'
import { billingActions, billingAdminActions } from './features/billing/index.ts'
import { clusterActions } from './features/clusters/index.ts'
import { eipActions } from './features/eips/index.ts'
import { faultAdminActions } from './features/faults/index.ts'
import { hostAdminActions } from './features/hosts/index.ts'
import { imageActions } from './features/images/index.ts'
import { instanceTypeActions } from './features/instance-types/index.ts'
import { instanceActions } from './features/instances/index.ts'
import { jobActions } from './features/jobs/index.ts'
import { keyPairActions } from './features/keypairs/index.ts'
import { nicActions } from './features/nics/index.ts'
import { maintenanceAdminActions } from './features/maintenance/index.ts'
import { monitoringActions } from './features/monitoring/index.ts'
import { licenseAdminActions } from './features/licenses/index.ts'
import { loadBalancerActions } from './features/loadbalancers/index.ts'
import { quotaActions, quotaAdminActions } from './features/quotas/index.ts'
import { routerActions } from './features/routers/index.ts'
import { securityGroupActions } from './features/security-groups/index.ts'
import { snapshotActions } from './features/snapshots/index.ts'
import { tagActions } from './features/tags/index.ts'
import { volumeActions } from './features/volumes/index.ts'
import { vxnetActions } from './features/vxnets/index.ts'
import { warehouseAdminActions } from './features/warehouse/index.ts'
import { zoneActions } from './features/zones/index.ts'
import type { Action } from './protocol/action.ts'
import { type ApiModule, moduleOf } from './protocol/api-module.ts'

export const modules: readonly ApiModule[] = [
  moduleOf('iaas', [
    ...zoneActions,
    ...accessKeyActions,
    ...jobActions,
    ...instanceTypeActions,
    ...imageActions,
    ...instanceActions,
    ...volumeActions,
    ...keyPairActions,
    ...tagActions,
    ...quotaActions,
    ...billingActions,
    ...appActions,
    ...clusterActions,
    ...securityGroupActions,
    ...vxnetActions,
    ...nicActions,
    ...eipActions,
    ...routerActions,
    ...loadBalancerActions,
    ...monitoringActions,
    ...snapshotActions,
  ]),
  // people rather than keys: a session proves who calls (a few actions, such as Login, are public)
  moduleOf('account', [...accountActions, ...accessKeySessionActions], 'session'),
  // platform administration: signed by an administrator's access key
  moduleOf('admin', [...adminActions, ...quotaAdminActions, ...billingAdminActions, ...maintenanceAdminActions, ...faultAdminActions, ...licenseAdminActions, ...hostAdminActions, ...warehouseAdminActions, ...appAdminActions], 'admin'),
]

/**
 * Each feature folder with its actions, whatever module they answer in: health counts actions per
 * feature with it. A test keeps it and `modules` listing the same actions.
 */
export const features: ReadonlyArray<{ feature: string; actions: readonly Action[] }> = [
  // DescribeAccessKeys answers in /iaas/ and /account/: one action
  { feature: 'access-keys', actions: [...new Set([...accessKeyActions, ...accessKeySessionActions])] },
  { feature: 'accounts', actions: accountActions },
  { feature: 'admin', actions: adminActions },
  { feature: 'apps', actions: [...appActions, ...appAdminActions] },
  { feature: 'billing', actions: [...billingActions, ...billingAdminActions] },
  { feature: 'clusters', actions: clusterActions },
  { feature: 'eips', actions: eipActions },
  { feature: 'faults', actions: faultAdminActions },
  { feature: 'hosts', actions: hostAdminActions },
  { feature: 'images', actions: imageActions },
  { feature: 'instance-types', actions: instanceTypeActions },
  { feature: 'instances', actions: instanceActions },
  { feature: 'jobs', actions: jobActions },
  { feature: 'keypairs', actions: keyPairActions },
  { feature: 'licenses', actions: licenseAdminActions },
  { feature: 'loadbalancers', actions: loadBalancerActions },
  { feature: 'maintenance', actions: maintenanceAdminActions },
  { feature: 'monitoring', actions: monitoringActions },
  { feature: 'nics', actions: nicActions },
  { feature: 'quotas', actions: [...quotaActions, ...quotaAdminActions] },
  { feature: 'routers', actions: routerActions },
  { feature: 'security-groups', actions: securityGroupActions },
  { feature: 'snapshots', actions: snapshotActions },
  { feature: 'tags', actions: tagActions },
  { feature: 'volumes', actions: volumeActions },
  { feature: 'vxnets', actions: vxnetActions },
  { feature: 'warehouse', actions: warehouseAdminActions },
  { feature: 'zones', actions: zoneActions },
]

/** The feature folder of each action of `features`. */
export const featureOf: ReadonlyMap<Action, string> = new Map(features.flatMap(({ feature, actions }) => actions.map((action) => [action, feature] as const)))
