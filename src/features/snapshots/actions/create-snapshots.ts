// CreateSnapshots: takes a snapshot of each named volume (available or in-use) or instance
// (running or stopped), which must be the caller's and idle. The snapshots are listed at once as
// `pending` + `creating`; the job makes them `available` and `is_taken` 1 and moves each chain's
// head to its new point. is_full=1 starts a new chain; otherwise a resource's first snapshot is
// full and later ones are incremental points of the chain of its newest snapshot, until that chain
// holds MAX_CHAIN_POINTS points or the disk's size changed (then a new full one). While a snapshot
// of a resource is being taken, another one of it waits ("please try later").
// Billing: a lease per snapshot from creation, priced per GB of its size; quota `snapshot`.
// `job_id` is a list of job ids (one here): the Go SDK decodes it as []string since 2024 (commit
// 09c3c0d, after a parse error against the real API). The docs print a string, and an SDK from
// before that commit (vendored by the CSI driver) cannot decode the list; the Python SDK takes both.
import Type from 'typebox'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, List, Optional, Str } from '../../../protocol/params.ts'
import type { SnapshotTable } from '../../../store/database.ts'
import { planOf } from '../../billing/contract.ts'
import { endLeases, openLeases } from '../../billing/leases.ts'
import { planParams } from '../../billing/plan-params.ts'
import { hourlyPriceIn } from '../../billing/price-repo.ts'
import { Wallet } from '../../billing/wallet.ts'
import { requireQuota } from '../../quotas/quota-check.ts'
import { requireDistinct, requireIdle, stateRule } from '../../resources/guards.ts'
import { BUSY_LABEL, CHAIN_ROOT, MAX_CHAIN_POINTS, SNAPSHOT_TYPE, snapshotGb, snapshotSizeMb } from '../snapshot.ts'
import { snapshotKind } from '../snapshot-kind.ts'
import { finishSnapshots, insertSnapshots, liveSnapshotsOf, markHeads, nextSeq } from '../snapshot-repo.ts'
import { IDLE_STATUSES, labelOf, lockSources } from '../source.ts'

export const createSnapshots = defineAction({
  name: 'CreateSnapshots',
  locks: ['wallet', 'quota'],
  jobLocks: ['wallet'],
  params: Type.Object({
    resources: List(Str()),
    snapshot_name: Optional(Str({ maxLength: 255 })),
    is_full: Optional(Flag()),
    ...planParams,
  }),
  async handle(params, ctx) {
    const wallet = await Wallet.lock(ctx, ctx.caller.user_id)
    requireDistinct('resources', params.resources)
    const sources = await lockSources(ctx, params.resources)
    for (const source of sources) {
      requireIdle(labelOf(source.resource_type), source.resource_id, source)
      if (!IDLE_STATUSES[source.resource_type].includes(source.status)) {
        throw stateRule(labelOf(source.resource_type), source.resource_id, `is [${source.status}]`, 'can not take a snapshot of it')
      }
    }
    const plan = planOf(params)
    const time = formatTime(ctx.clock.now())
    const rows: SnapshotTable[] = []
    for (const source of sources) {
      const live = await liveSnapshotsOf(ctx.db, ctx.caps, source.resource_id)
      for (const s of live) requireIdle(BUSY_LABEL, s.snapshot_id, s)
      const size = snapshotSizeMb(source.disk_size)
      const newest = live.at(-1)
      const chainLength = newest ? live.filter((s) => s.root_id === newest.root_id).length : 0
      const full = params.is_full === 1 || !newest || chainLength >= MAX_CHAIN_POINTS || newest.size !== size
      const snapshot_id = ctx.ids.resource('ss')
      rows.push({
        snapshot_id,
        zone_id: ctx.zone,
        owner: ctx.caller.user_id,
        snapshot_name: params.snapshot_name ?? '',
        description: null,
        snapshot_type: full ? SNAPSHOT_TYPE.full : SNAPSHOT_TYPE.incremental,
        resource_id: source.resource_id,
        resource_type: source.resource_type,
        resource_name: source.resource_name,
        size,
        root_id: full ? snapshot_id : newest!.root_id,
        parent_id: full ? CHAIN_ROOT : newest!.snapshot_id,
        // the job makes it its chain's head once it is taken
        is_head: 0,
        is_taken: 0,
        status: 'pending',
        transition_status: 'creating',
        snapshot_time: time,
        create_time: time,
        status_time: time,
        seq: await nextSeq(ctx.db, source.resource_id),
      })
    }
    await requireQuota(ctx, ctx.zone, { snapshot: rows.length })
    // one lease batch per size, so that a balance too low is reported for all snapshots of a size at once
    for (const gb of new Set(rows.map((r) => snapshotGb(r.size)))) {
      const hourly = await hourlyPriceIn(ctx.db, ctx.zone, snapshotKind, { size: gb })
      const batch = rows.filter((r) => snapshotGb(r.size) === gb)
      await openLeases(
        ctx,
        wallet,
        { zone: ctx.zone, resource_type: 'snapshot', plan, hourly },
        batch.map((r) => ({ resource_id: r.snapshot_id, resource_name: r.snapshot_name })),
      )
    }
    await insertSnapshots(ctx.db, rows)
    const snapshots = rows.map((r) => r.snapshot_id)
    return { snapshots, job_id: [await ctx.jobs.start({ resource_ids: snapshots })] }
  },
  async settle(job, jctx) {
    const taken = await finishSnapshots(jctx.db, job.resource_ids, 'creating', { status: 'available', is_taken: 1 }, jctx.clock.now())
    await markHeads(
      jctx.db,
      taken.map((s) => s.root_id),
    )
  },
  // a snapshot that could not be taken never existed: refunded, ceased, and its chain keeps its head
  async onFailure(job, jctx) {
    const owners = await jctx.db.selectFrom('snapshots').select('owner').distinct().where('snapshot_id', 'in', job.resource_ids).orderBy('owner').execute()
    for (const { owner } of owners) await endLeases(jctx, await Wallet.lock(jctx, owner), job.resource_ids, 'never-created')
    await finishSnapshots(jctx.db, job.resource_ids, 'creating', { status: 'ceased' }, jctx.clock.now())
  },
})
