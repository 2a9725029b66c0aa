// The API modules: each request path names one, and each module lists its actions. A path that
// names no module is answered with 3300 InvalidAPIModule. `/iaas/` is QingCloud's; `/account/` (sessions)
// and `/admin/` (admin keys) are QingLocal's own.
import type { Action, AuthMode } from './protocol/action.ts'
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
import { maintenanceAdminActions } from './features/maintenance/index.ts'
import { licenseAdminActions } from './features/licenses/index.ts'
import { quotaActions, quotaAdminActions } from './features/quotas/index.ts'
import { securityGroupActions } from './features/security-groups/index.ts'
import { snapshotActions } from './features/snapshots/index.ts'
import { tagActions } from './features/tags/index.ts'
import { volumeActions } from './features/volumes/index.ts'
import { vxnetActions } from './features/vxnets/index.ts'
import { warehouseAdminActions } from './features/warehouse/index.ts'
import { zoneActions } from './features/zones/index.ts'

export interface ApiModule {
  /** First path segment: `/iaas/` and `/iaas` both name module `iaas`. */
  name: string
  /** How callers of its actions prove who they are, unless an action says otherwise. */
  auth: AuthMode
  actions: ReadonlyMap<string, Action>
}

function moduleOf(name: string, actions: Action[], auth: AuthMode = 'signature'): ApiModule {
  const map = new Map<string, Action>()
  for (const action of actions) {
    if (map.has(action.name)) throw new Error(`action ${action.name} is registered twice in module ${name}`)
    map.set(action.name, action)
  }
  return { name, auth, actions: map }
}

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
    ...eipActions,
    ...snapshotActions,
  ]),
  // people rather than keys: a session proves who calls (a few actions, such as Login, are public)
  moduleOf('account', [...accountActions, ...accessKeySessionActions], 'session'),
  // platform administration: signed by an administrator's access key
  moduleOf('admin', [...adminActions, ...quotaAdminActions, ...billingAdminActions, ...maintenanceAdminActions, ...faultAdminActions, ...licenseAdminActions, ...hostAdminActions, ...warehouseAdminActions, ...appAdminActions], 'admin'),
]

/**
 * `/iaas/` (docs, Python SDK, CLI) and `/iaas` (Go SDK) name the module `iaas`; repeated slashes
 * collapse, as the Go SDK does with its configured URI. Anything else names no module.
 */
export function findModule(path: string, registry: readonly ApiModule[] = modules): ApiModule | undefined {
  const segments = path.split('/').filter(Boolean)
  if (segments.length !== 1) return undefined
  return registry.find((m) => m.name === segments[0])
}
