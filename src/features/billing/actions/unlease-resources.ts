// UnleaseResources (admin): ends prepaid terms early, so that their owners may delete the
// resources (deleting during a term answers 2300). Each lease becomes pay-as-you-go from now and
// its first hour is charged at once (leases.ts convertToElastic); `refund=1` also gives back the
// unused part of the term, rounded down to a minor unit. All or nothing: every resource must have
// an open lease in the zone (2100) that is prepaid (2300), else nothing changes.
// Locks: the money moved is the owners', not the administrator's, so the owners are found
// with a plain read, their wallets locked in user id order through the lock-set (lockAtRunTime,
// which refuses any other order: two admins unleasing overlapping sets cannot deadlock), and the leases read again under those locks before anything changes.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, List, Optional, Str } from '../../../protocol/params.ts'
import type { LeaseTable } from '../../../store/database.ts'
import { requireDistinct } from '../../resources/guards.ts'
import { convertToElastic, openLeasesOf } from '../leases.ts'
import { Wallet } from '../wallet.ts'

/** The open lease of each id, in the order given; 2100 for a resource without one in `zone`. */
function leasesIn(zone: string, ids: readonly string[], leases: readonly LeaseTable[]): LeaseTable[] {
  const byResource = new Map(leases.filter((l) => l.zone_id === zone).map((l) => [l.resource_id, l]))
  return ids.map((id) => {
    const lease = byResource.get(id)
    if (!lease) throw new ApiError('ResourceNotFound', `resource [${id}] has no lease in zone [${zone}]`)
    return lease
  })
}

export const unleaseResources = defineAction({
  name: 'UnleaseResources',
  lockAtRunTime: ['wallet'], // the owners', found first
  params: Type.Object({
    resources: List(Str({ maxLength: 64 })),
    refund: Optional(Flag()),
  }),
  async handle(params, ctx) {
    requireDistinct('resources', params.resources)
    const owners = [...new Set(leasesIn(ctx.zone, params.resources, await openLeasesOf(ctx.db, params.resources)).map((l) => l.owner))].sort()
    const wallets = new Map<string, Wallet>()
    for (const owner of owners) wallets.set(owner, await Wallet.lock(ctx, owner))

    const leases = leasesIn(ctx.zone, params.resources, await openLeasesOf(ctx.db, params.resources))
    for (const lease of leases) {
      if (lease.charge_mode !== 'monthly') {
        throw new ApiError('UnleaseFailed', `${lease.resource_type} [${lease.resource_id}] is not prepaid, its lease is already pay-as-you-go`)
      }
    }
    for (const lease of leases) {
      const wallet = wallets.get(lease.owner)
      // a lease's owner never changes; one that did would have been read without its wallet lock
      if (!wallet) throw new Error(`lease ${lease.lease_id} changed owner to ${lease.owner} while its wallet was being locked`)
      await convertToElastic(ctx, wallet, lease, params.refund === 1)
    }
    return { resources: params.resources }
  },
})
