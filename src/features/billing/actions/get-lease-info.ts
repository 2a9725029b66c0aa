// GetLeaseInfo (reference 3.11): the contract a resource is paid under. The lease that has not
// ended (a resource has at most one), else the latest that ended, so a deleted resource still shows
// how it was paid for. `renewal` is `auto` when the next period is charged without asking: every
// elastic hour, and a monthly term with auto_renew; a monthly term without it ends in pay-as-you-go.
// Another user's resource is 1400 like everywhere; an unknown id, or a resource of the caller that
// is not billable (a key pair), is 2100.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatYuan } from '../../../lib/money.ts'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import type { LeaseTable } from '../../../store/database.ts'
import { leasesOfResource, resourceOwner, subjectOf } from '../charge-query.ts'
import { durationLabel } from '../contract.ts'

/** The open lease, else the one that ended last. */
function currentLease(leases: readonly LeaseTable[]): LeaseTable | undefined {
  const open = leases.find((l) => l.status !== 'ended')
  if (open) return open
  return [...leases].sort((a, b) => (b.end_time ?? '').localeCompare(a.end_time ?? '') || b.lease_time.localeCompare(a.lease_time) || b.lease_id.localeCompare(a.lease_id))[0]
}

export const getLeaseInfo = defineAction({
  name: 'GetLeaseInfo',
  params: Type.Object({ resource: Str({ maxLength: 64 }), user: Optional(Str({ maxLength: 64 })) }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      const subject = await subjectOf(ctx, params.user)
      const lease = currentLease(await leasesOfResource(ctx.db, ctx.zone, params.resource, subject))
      if (!lease) {
        const owned = (await resourceOwner(ctx.db, ctx.zone, params.resource)) !== undefined
        throw new ApiError('ResourceNotFound', owned ? `resource [${params.resource}] has no lease, it is not billed` : `resource [${params.resource}] not found`)
      }
      return {
        resource_id: lease.resource_id,
        lease_info: {
          resource_id: lease.resource_id,
          status: lease.status,
          lease_time: lease.lease_time,
          renewal_time: lease.renewal_time,
          renewal: lease.charge_mode === 'elastic' || lease.auto_renew ? 'auto' : 'manual',
          zone_id: lease.zone_id,
          contract: { duration: durationLabel(lease), price: formatYuan(Number(lease.price)), start_time: lease.contract_time, contract_id: lease.lease_id },
        },
      }
    })
  },
})
