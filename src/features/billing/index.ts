// Billing (reference 3.11, issue 5): prices per zone, a lease for every billable resource, wallets
// in integer minor units, charge records, the hourly ticker, suspension for arrears.
//
// How money moves: leases.ts (open, charge, settle, reprice, suspend, resume), under a Wallet
// lock (wallet.ts) taken first by every transaction that moves money. Creating actions call
// planOf + hourlyPriceIn + openLeases; deleting actions call endLeases; resizes call repriceLease.
//
// Limitations: instances are charged while stopped (QingCloud charges only disks then); the OS
// disk is part of the instance price; a resize is repriced when requested, and a resize job that
// fails does not restore the old price; prepaid months are 720 hours of the hourly price, without
// a discount; bonus accounts and coupons are not modelled (GetBalance answers bonus "0.00", no coupons).
import type { Action } from '../../protocol/action.ts'
import { getBalance } from './actions/get-balance.ts'
import { getChargeRecords } from './actions/get-charge-records.ts'
import { getChargeSums } from './actions/get-charge-sums.ts'
import { getLeaseInfo } from './actions/get-lease-info.ts'
import { deletePrices } from './actions/delete-prices.ts'
import { describePrices } from './actions/describe-prices.ts'
import { describeRecharges } from './actions/describe-recharges.ts'
import { recharge } from './actions/recharge.ts'
import { setPrices } from './actions/set-prices.ts'
import { unleaseResources } from './actions/unlease-resources.ts'

/** Module /iaas/: the caller's own money and leases. */
export const billingActions: Action[] = [getBalance, getLeaseInfo, getChargeRecords, getChargeSums]

/** Module /admin/: prices, recharges, early ends of prepaid terms. */
export const billingAdminActions: Action[] = [describePrices, setPrices, deletePrices, recharge, describeRecharges, unleaseResources]
