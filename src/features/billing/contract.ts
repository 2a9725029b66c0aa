// Lease plans and their calendar: how a create request's billing parameters become a plan, how
// long a term runs, how periods are named in charge records. Pure functions, no store.
import { ApiError } from '../../errors.ts'

export const HOUR_MS = 3_600_000
/** A prepaid month costs 720 hours (30 days) of the hourly price. */
export const HOURS_PER_MONTH = 720
export const MAX_MONTHS = 36

export type ChargeMode = 'elastic' | 'monthly'

export interface Plan {
  charge_mode: ChargeMode
  /** Term length of a monthly plan; 0 for elastic. */
  months: number
  auto_renew: boolean
}

/** The billing parameters a creating action accepts (RunInstances, CreateVolumes, …). */
export interface PlanParams {
  charge_mode?: string
  duration?: string
  months?: number
  auto_renew?: number
}

/**
 * `charge_mode`: `elastic` (pay-as-you-go, the default) or `monthly` (prepaid). A monthly term is
 * `duration` (`1m`…`36m`, `1y`…`3y`) or `months` (1…36). Anything else is 2200 LeaseFailed,
 * naming the parameter: the lease, not the request's shape, is what cannot be made.
 */
export function planOf(params: PlanParams): Plan {
  // a term given without a charge mode means a prepaid one
  const impliesMonthly = params.months !== undefined || (params.duration !== undefined && params.duration !== '1h')
  const mode = params.charge_mode ?? (impliesMonthly ? 'monthly' : 'elastic')
  if (mode !== 'elastic' && mode !== 'monthly') throw new ApiError('LeaseFailed', `charge_mode [${mode}] is not supported, use elastic or monthly`)
  const auto_renew = params.auto_renew !== 0
  if (mode === 'elastic') {
    if (params.months !== undefined || (params.duration !== undefined && params.duration !== '1h')) {
      throw new ApiError('LeaseFailed', `a pay-as-you-go (elastic) lease is charged by the hour, duration [${params.duration ?? `${params.months}m`}] needs charge_mode monthly`)
    }
    return { charge_mode: 'elastic', months: 0, auto_renew }
  }
  const fromDuration = params.duration === undefined ? undefined : monthsOf(params.duration)
  if (params.duration !== undefined && fromDuration === undefined) {
    throw new ApiError('LeaseFailed', `duration [${params.duration}] is not a prepaid term, use 1m to ${MAX_MONTHS}m or 1y to ${MAX_MONTHS / 12}y`)
  }
  if (params.months !== undefined && (params.months < 1 || params.months > MAX_MONTHS)) {
    throw new ApiError('LeaseFailed', `months [${params.months}] is not a prepaid term, use 1 to ${MAX_MONTHS}`)
  }
  if (fromDuration !== undefined && params.months !== undefined && fromDuration !== params.months) {
    throw new ApiError('LeaseFailed', `duration [${params.duration}] and months [${params.months}] disagree`)
  }
  const months = fromDuration ?? params.months
  if (months === undefined) throw new ApiError('LeaseFailed', 'a monthly lease needs a duration (1m to 36m, 1y to 3y)')
  return { charge_mode: 'monthly', months, auto_renew }
}

function monthsOf(duration: string): number | undefined {
  const m = /^([1-9]\d?)([my])$/.exec(duration)
  if (!m) return undefined
  const months = Number(m[1]) * (m[2] === 'y' ? 12 : 1)
  return months <= MAX_MONTHS ? months : undefined
}

/** The contract's period as GetLeaseInfo and charge records name it: `1h`, `3m`, `1y`. */
export function durationLabel(plan: Pick<Plan, 'charge_mode' | 'months'>): string {
  if (plan.charge_mode === 'elastic') return '1h'
  return plan.months % 12 === 0 ? `${plan.months / 12}y` : `${plan.months}m`
}

/** The price of one period of `plan` for a resource whose hourly price is `hourly`. */
export function periodPrice(plan: Pick<Plan, 'charge_mode' | 'months'>, hourly: number): number {
  return plan.charge_mode === 'elastic' ? hourly : hourly * HOURS_PER_MONTH * plan.months
}

/**
 * `months` calendar months after `start`, in UTC; a day the target month lacks becomes its last
 * day (Jan 31 + 1 month = Feb 28, or 29).
 */
export function addMonths(start: Date, months: number): Date {
  const target = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(start.getUTCDate(), lastDay))
  target.setUTCHours(start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds(), start.getUTCMilliseconds())
  return target
}

/** The end of the period that starts at `start`. */
export function periodEnd(plan: Pick<Plan, 'charge_mode' | 'months'>, start: Date): Date {
  return plan.charge_mode === 'elastic' ? new Date(start.getTime() + HOUR_MS) : addMonths(start, plan.months)
}

/** Leases run on whole seconds, like every time on the wire. */
export const wholeSeconds = (d: Date): Date => new Date(Math.floor(d.getTime() / 1000) * 1000)
