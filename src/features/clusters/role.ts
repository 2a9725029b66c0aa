// Finding a cluster's role in its version's template, for the actions that change one role.
import { ApiError } from '../../errors.ts'
import type { ClusterTable, Queryable } from '../../store/database.ts'
import { findVersion } from '../apps/app-repo.ts'
import { readTemplate, type RoleTemplate } from '../apps/template.ts'
import { invalidSetting } from './conf.ts'

/**
 * The role `name` of the cluster's app version; with no name, the only role of a single-role app
 * (1100 when the app has several: the caller must say which). An unknown role → 8003.
 */
export async function clusterRole(db: Queryable, cluster: ClusterTable, name: string | undefined, parameter = 'node_role'): Promise<RoleTemplate> {
  const version = await findVersion(db, cluster.version_id)
  // versions are never removed (apps/ publishes, it does not delete): a cluster's is always there
  if (!version) throw new Error(`cluster [${cluster.cluster_id}] names version [${cluster.version_id}], which does not exist`)
  const { roles } = readTemplate(version.template)
  if (name === undefined) {
    if (roles.length === 1) return roles[0]!
    throw new ApiError('InvalidRequestFormat', `missing parameter ${parameter}, cluster [${cluster.cluster_id}] has the roles [${roles.map((r) => r.role).join(', ')}]`)
  }
  const role = roles.find((r) => r.role === name)
  if (!role) throw invalidSetting(`unknown role [${name}] in cluster [${cluster.cluster_id}], its roles are [${roles.map((r) => r.role).join(', ')}]`)
  return role
}
