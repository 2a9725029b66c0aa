// API rate limits (issue 5, item 7): every request signed with an access key counts against its
// user's daily quota (the platform's local day, reset at local midnight) and a short fixed-window
// burst limit. Going over either answers 2500 QuotasExceeded, saying which limit, how large it is
// and when it resets. Requests rejected before authentication count for no one.
//
// The counters live in the database (api_usage), so every server process sharing it shares them.
// A process does not write them on every request: it leases slots from them in blocks and serves
// requests from its local pool until the block is used up. A lease is ONE upsert that adds the
// block to a counter only while counter + block stays within the limit, so the counters never pass
// their limit and no process can overshoot: the sum of all leases is at most the limit. Near the
// limit (room for less than a block) the lease is a single slot, so the last slots go one request
// at a time, exactly as before. One lease is in flight per counter and process; requests that need
// a slot meanwhile wait for it. A counter found at its limit is remembered until its period ends.
//
// Block size: 1/100 of the limit (at least 1). A limit of 100,000 a day costs one upsert per
// 1,000 requests; a burst limit of 50 per window still leases one slot at a time.
//
// What this changes, on purpose (documented in docs/ARCHITECTURE.md and docs/performance.md):
// - `request_count` counts slots leased, not requests served: it is ahead of the requests a
//   process has served by at most its unused block.
// - Undershoot, not overshoot: slots a process leased but did not use are lost when their period
//   ends (or the process stops). With P processes, a user may be refused up to P × (block − 1)
//   requests before the limit is reached in served requests; never admitted beyond it.
//
// Limitations:
// - Console (session) and anonymous requests to /account/ do not count: they carry no access key,
//   and a user whose API quota is used up must still be able to log in and manage their keys.
// - Burst windows are fixed (aligned to the epoch), not sliding: up to twice the limit can pass
//   around a window boundary. A sliding window would need a row per request.
// - A request refused by the burst limit has already taken a daily slot; the slot goes back to the
//   process's local pool (the next request uses it), not to the shared counter.
// - Redis is not supported; the database is the only shared store.
import type { FastifyBaseLogger } from 'fastify'
import { sql } from 'kysely'
import { ApiError } from '../../errors.ts'
import { formatTime, type Clock } from '../../lib/clock.ts'
import type { MaybePromise } from '../../lib/maybe-promise.ts'
import type { Caller } from '../../protocol/action.ts'
import type { Db } from '../../store/database.ts'
import { LocalDays } from './local-days.ts'

export interface RateLimits {
  /** Requests per user per local day; 0 = unlimited. */
  dailyLimit: number
  /** Requests per user per burst window; 0 = unlimited. */
  burstLimit: number
  burstSeconds: number
  /** IANA name of the platform's time zone. */
  timeZone: string
}

/** Counts one request of `caller`, or throws 2500 when a limit is used up. */
export type RateLimit = (caller: Caller) => MaybePromise<void>

/** Old counters are deleted at most this often (clock time) by each process. */
const PRUNE_EVERY_MS = 60_000
/** Burst windows older than this many windows are deleted (processes' clocks may differ a little). */
const BURST_WINDOWS_KEPT = 3

/** Slots a process leases at once: 1/100 of the limit, at least one. */
export const leaseSize = (limit: number): number => Math.max(1, Math.floor(limit / 100))

interface Pool {
  period: 'day' | 'burst'
  periodKey: string
  /** Leased slots not used yet. */
  held: number
  /** The counter reached its limit in this period: no lease will succeed until the period ends. */
  exhausted: boolean
  leasing: Promise<void> | undefined
}

export function rateLimiter(deps: { db: Db; clock: Clock; log: FastifyBaseLogger; limits: RateLimits }): RateLimit {
  const { db, clock, log, limits } = deps
  if (limits.dailyLimit === 0 && limits.burstLimit === 0) return () => undefined
  const days = new LocalDays(limits.timeZone)
  const windowMs = limits.burstSeconds * 1000
  let nextPrune = 0
  /** Local pools by user, period and period key. */
  const pools = new Map<string, Pool>()

  /** Adds `block` slots to the counter if they fit under `limit`; how many were granted. */
  async function lease(user: string, period: 'day' | 'burst', periodKey: string, block: number, limit: number): Promise<number> {
    const rows = await db
      .insertInto('api_usage')
      .values({ user_id: user, period, period_key: periodKey, request_count: block })
      .onConflict((conflict) =>
        conflict
          .columns(['user_id', 'period', 'period_key'])
          .doUpdateSet({ request_count: sql`api_usage.request_count + ${sql.lit(block)}` })
          // a block that does not fit is not taken at all: the counter never passes the limit
          .where(sql<boolean>`api_usage.request_count + ${sql.lit(block)} <= ${sql.lit(limit)}`),
      )
      .returning('period')
      .execute()
    return rows.length > 0 ? block : 0
  }

  /** Takes one slot of the user's counter for this period, from the local pool or a new lease; false at the limit. */
  async function take(user: string, period: 'day' | 'burst', periodKey: string, limit: number): Promise<boolean> {
    const id = `${user}\u0000${period}\u0000${periodKey}`
    let pool = pools.get(id)
    if (!pool) {
      pool = { period, periodKey, held: 0, exhausted: false, leasing: undefined }
      pools.set(id, pool)
    }
    for (;;) {
      if (pool.held > 0) {
        pool.held--
        return true
      }
      if (pool.exhausted) return false
      if (pool.leasing) {
        await pool.leasing
        continue
      }
      const current = pool
      current.leasing = (async () => {
        const block = leaseSize(limit)
        // room for less than a block: one slot at a time, so every last slot can still be used
        let granted = await lease(user, period, periodKey, block, limit)
        if (granted === 0 && block > 1) granted = await lease(user, period, periodKey, 1, limit)
        current.held += granted
        if (granted === 0) current.exhausted = true
      })().finally(() => {
        current.leasing = undefined
      })
    }
  }

  /** Both slots from the local pools, when each holds one: the common case answers no promise (lib/maybe-promise.ts). */
  function takeLocally(user: string, dayKey: string, burstKey: string): boolean {
    const day = limits.dailyLimit > 0 ? pools.get(`${user}\u0000day\u0000${dayKey}`) : undefined
    const burst = limits.burstLimit > 0 ? pools.get(`${user}\u0000burst\u0000${burstKey}`) : undefined
    if (limits.dailyLimit > 0 && !(day && day.held > 0)) return false
    if (limits.burstLimit > 0 && !(burst && burst.held > 0)) return false
    if (day) day.held--
    if (burst) burst.held--
    return true
  }

  return function rateLimit(caller) {
    if (caller.access_key_id === '') return
    const now = clock.now().getTime()
    if (now < nextPrune && takeLocally(caller.user_id, days.dayOf(now).key, formatTime(new Date(Math.floor(now / windowMs) * windowMs)))) return
    return leaseAndTake(caller, now)
  }

  async function leaseAndTake(caller: Caller, now: number): Promise<void> {
    if (now >= nextPrune) {
      nextPrune = now + PRUNE_EVERY_MS
      await prune(now)
    }

    const day = days.dayOf(now)
    const windowStart = Math.floor(now / windowMs) * windowMs
    if (limits.dailyLimit > 0 && !(await take(caller.user_id, 'day', day.key, limits.dailyLimit))) {
      throw new ApiError('QuotasExceeded', `you have used your daily API request quota of ${limits.dailyLimit} requests, it resets at ${formatTime(new Date(day.end))} (midnight ${limits.timeZone})`)
    }
    if (limits.burstLimit > 0 && !(await take(caller.user_id, 'burst', formatTime(new Date(windowStart)), limits.burstLimit))) {
      // the refused request gives its daily slot back to the local pool
      const dayPool = limits.dailyLimit > 0 ? pools.get(`${caller.user_id}\u0000day\u0000${day.key}`) : undefined
      if (dayPool) dayPool.held++
      const retryAt = windowStart + windowMs
      throw new ApiError(
        'QuotasExceeded',
        `you have exceeded the API request limit of ${limits.burstLimit} requests per ${limits.burstSeconds} seconds, retry after ${formatTime(new Date(retryAt))} (in ${Math.ceil((retryAt - now) / 1000)} s)`,
      )
    }
  }

  /** Deletes burst windows long gone and days before yesterday (another process may still be on yesterday). */
  async function prune(now: number): Promise<void> {
    const burstCutoff = formatTime(new Date(Math.floor(now / windowMs) * windowMs - BURST_WINDOWS_KEPT * windowMs))
    const dayCutoff = days.dayOf(days.dayOf(now).start - 1).key
    // local pools of periods that are over (their unused slots are lost: the documented undershoot)
    const today = days.dayOf(now).key
    const thisWindow = formatTime(new Date(Math.floor(now / windowMs) * windowMs))
    for (const [id, pool] of pools) {
      if (!pool.leasing && pool.periodKey !== (pool.period === 'day' ? today : thisWindow)) pools.delete(id)
    }
    try {
      await db.deleteFrom('api_usage').where('period', '=', 'burst').where('period_key', '<', burstCutoff).execute()
      await db.deleteFrom('api_usage').where('period', '=', 'day').where('period_key', '<', dayCutoff).execute()
    } catch (error) {
      // a failed clean-up must not fail the request; the next one retries after PRUNE_EVERY_MS
      log.warn({ err: error }, 'could not prune old API usage counters')
    }
  }
}
