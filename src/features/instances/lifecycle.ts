// The first steps every instance-changing action shares: lock the named instances, insist they are
// the caller's, idle and not a cluster's node, and check the status each operation starts from.
import { ApiError } from '../../errors.ts'
import type { ActionContext } from '../../protocol/action.ts'
import type { InstanceTable } from '../../store/database.ts'
import { clusterNodeAmong } from '../clusters/cluster-repo.ts'
import { requireDistinct, requireIdle, requireOwned, stateRule } from '../resources/guards.ts'
import { lockInstances } from './instance-repo.ts'
import { LABEL } from './instance.ts'

/** The caller's instances, locked, in the order named; throws 1100/2100/1400 as the rules say. */
export async function ownedIdleInstances(ctx: ActionContext, ids: readonly string[], parameter = 'instances'): Promise<InstanceTable[]> {
  requireDistinct(parameter, ids)
  const rows = requireOwned(await lockInstances(ctx.db, ctx.caps, ctx.zone, ids), ids, (r) => r.instance_id, ctx.caller)
  for (const row of rows) requireIdle(LABEL, row.instance_id, row)
  // a cluster's node is changed through its cluster, which keeps roles and counts consistent
  const node = await clusterNodeAmong(ctx.db, ids)
  if (node) throw new ApiError('PermissionDenied', `instance [${node.instance_id}] is a node of cluster [${node.cluster_id}], manage it through the cluster`)
  return rows
}

/** `instance [i-x] is not running, can not be stopped` unless the status is one of `allowed`. */
export function requireStatus(row: InstanceTable, allowed: readonly string[], condition: string, consequence: string): void {
  if (!allowed.includes(row.status)) throw stateRule(LABEL, row.instance_id, condition, consequence)
}
