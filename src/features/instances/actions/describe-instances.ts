// DescribeInstances: the action every QingCloud client calls most (reference 5). Unknown and other
// users' ids give an empty set; terminated and ceased instances are left out unless asked for by
// id or status.
import Type, { type Static } from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { describeParams, Int, List, Optional, page, Str } from '../../../protocol/params.ts'
import type { CacheEpoch } from '../../../store/cache-epoch.ts'
import type { Queryable } from '../../../store/database.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { listingTotal } from '../../resources/describe-filters.ts'
import { listingKey } from '../../resources/listing-cache.ts'
import { bindingsVersion, keptCounts } from '../../resources/resource-counts.ts'
import { instanceKind } from '../instance-kind.ts'
import { instanceViews } from '../instance-view.ts'
import { countInstances, pageOf, rowsInOrder, selectedIds } from '../instance-repo.ts'

const paramsSchema = Type.Object({
  instances: Optional(List(Str())),
  image_id: Optional(List(Str())),
  instance_type: Optional(List(Str())),
  instance_class: Optional(Int()),
  vcpus_current: Optional(Int()),
  memory_current: Optional(Int()),
  os_disk_size: Optional(Int()),
  status: Optional(List(Str())),
  tags: Optional(List(Str())),
  ...describeParams,
})

export const describeInstances = defineAction({
  name: 'DescribeInstances',
  params: paramsSchema,
  // a query (Store.readDb), not a write transaction: on SQLite every write transaction takes the
  // write lock, so a listing in one would queue behind, and before, every write of every worker.
  // Its reads (counts, page, views) share one read-only snapshot (store/snapshot.ts), which
  // measured no slower than separate reads (docs/performance.md), so total_count, the page and its
  // child rows always agree.
  async query(params, ctx) {
    const owner = ownerScope(ctx.caller, params.owner)
    if (owner === undefined) return { total_count: 0, instance_set: [] }
    return inSnapshot(ctx, ({ db }) => listInstances(params, ctx.zone, owner, db, ctx.epoch))
  },
})

async function listInstances(params: Static<typeof paramsSchema>, zone: string, owner: string, db: Queryable, epoch: CacheEpoch): Promise<Record<string, unknown>> {
  const filter = { ids: params.instances, status: params.status, search_word: params.search_word, tags: params.tags }
  const listFilter = {
    owner,
    zone,
    ...filter,
    image_id: params.image_id,
    instance_type: params.instance_type,
    instance_class: params.instance_class,
    vcpus_current: params.vcpus_current,
    memory_current: params.memory_current,
    os_disk_size: params.os_disk_size,
  }
  // instance_type is the kind's count facet; the other column filters need a count over the rows
  const otherFilters = Boolean(params.image_id?.length) || [params.instance_class, params.vcpus_current, params.memory_current, params.os_disk_size].some((v) => v !== undefined)

  const { offset, limit } = page(params)
  const scope = { owner, zone }
  const counted = { status: params.status, facet: params.instance_type }
  // tags.N: the tagged ids, found by key and sorted, are remembered against the listing version
  // plus the owner's bindings version (migration 0021); total_count is their number
  if (params.tags?.length && !otherFilters) {
    const versionNow = async () => {
      const [kept, bindings] = await Promise.all([keptCounts(db, instanceKind, owner, zone), bindingsVersion(db, owner)])
      return kept.version + bindings
    }
    const key = listingKey('instances', owner, zone, { ...filter, facet: params.instance_type })
    const ids = await selectedIds(db, listFilter, { key, version: await versionNow(), versionNow })
    const rows = await rowsInOrder(db, ids.slice(offset, offset + limit))
    return { total_count: ids.length, instance_set: await instanceViews(db, owner, rows, { verbose: params.verbose === 1, epoch }) }
  }
  const kept = await keptCounts(db, instanceKind, owner, zone, counted)
  const scan = () => countInstances(db, listFilter)
  // deep pages remember where they start, for listings whose filters the version follows
  const memo =
    params.tags?.length || otherFilters
      ? undefined
      : { key: listingKey('instances', owner, zone, { ...filter, tags: undefined, facet: params.instance_type }), version: kept.version, versionNow: async () => (await keptCounts(db, instanceKind, owner, zone)).version }
  const [total, rows] = await Promise.all([listingTotal(db, instanceKind, scope, kept, { ...filter, facet: params.instance_type, otherFilters }, scan), pageOf(db, listFilter, offset, limit, memo)])
  return { total_count: total, instance_set: await instanceViews(db, owner, rows, { verbose: params.verbose === 1, epoch }) }
}
