// API rate limits (issue 5, item 7): every request signed with an access key counts against its
// user's daily quota (the platform's local day, reset at local midnight) and a short fixed-window
// burst limit. Going over either answers 2500 QuotasExceeded, saying which limit, how large it is
// and when it resets. Requests rejected before authentication count for no one.
//
// The counters live in the database (api_usage), so every server process sharing it shares them.
// This runs on every request, so the normal case is ONE statement outside the action's transaction:
// an upsert of both counters that only increments a counter still below its limit and returns the
// rows it changed. A counter missing from the answer is the limit that was hit. Because counters
// stop at their limit, parallel requests cannot overshoot: of N at once against room for K,
// exactly K see their increment.
//
// Limitations:
// - Console (session) and anonymous requests to /account/ do not count: they carry no access key,
//   and a user whose API quota is used up must still be able to log in and manage their keys.
// - Burst windows are fixed (aligned to the epoch), not sliding: up to twice the limit can pass
//   around a window boundary. A sliding window would need a row per request.
// - A request refused by the burst limit has already taken a daily slot, which is given back by a
//   second statement (only on that refusal path); until it lands, a parallel request right at the
//   daily limit may be refused although one slot is about to come free.
// - Redis is not supported; the database is the only shared store.
import type { FastifyBaseLogger } from 'fastify'
import { sql } from 'kysely'
import { ApiError } from '../../errors.ts'
import { formatTime, type Clock } from '../../lib/clock.ts'
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
export type RateLimit = (caller: Caller) => Promise<void>

/** Old counters are deleted at most this often (clock time) by each process. */
const PRUNE_EVERY_MS = 60_000
/** Burst windows older than this many windows are deleted (processes' clocks may differ a little). */
const BURST_WINDOWS_KEPT = 3

export function rateLimiter(deps: { db: Db; clock: Clock; log: FastifyBaseLogger; limits: RateLimits }): RateLimit {
  const { db, clock, log, limits } = deps
  if (limits.dailyLimit === 0 && limits.burstLimit === 0) return async () => {}
  const days = new LocalDays(limits.timeZone)
  const windowMs = limits.burstSeconds * 1000
  let nextPrune = 0

  return async function rateLimit(caller) {
    if (caller.access_key_id === '') return
    const now = clock.now().getTime()
    if (now >= nextPrune) {
      nextPrune = now + PRUNE_EVERY_MS
      await prune(now)
    }

    const day = days.dayOf(now)
    const windowStart = Math.floor(now / windowMs) * windowMs
    const burstKey = formatTime(new Date(windowStart))
    const rows = [
      ...(limits.dailyLimit > 0 ? [{ user_id: caller.user_id, period: 'day' as const, period_key: day.key, request_count: 1 }] : []),
      ...(limits.burstLimit > 0 ? [{ user_id: caller.user_id, period: 'burst' as const, period_key: burstKey, request_count: 1 }] : []),
    ]
    const counted = await db
      .insertInto('api_usage')
      .values(rows)
      .onConflict((conflict) =>
        conflict
          .columns(['user_id', 'period', 'period_key'])
          .doUpdateSet({ request_count: sql`api_usage.request_count + 1` })
          // a counter at its limit stays there and is left out of the answer
          .where(sql<boolean>`api_usage.request_count < case when api_usage.period = 'day' then cast(${limits.dailyLimit} as integer) else cast(${limits.burstLimit} as integer) end`),
      )
      .returning('period')
      .execute()
    const dayCounted = limits.dailyLimit === 0 || counted.some((row) => row.period === 'day')
    const burstCounted = limits.burstLimit === 0 || counted.some((row) => row.period === 'burst')

    if (!dayCounted) {
      throw new ApiError('QuotasExceeded', `you have used your daily API request quota of ${limits.dailyLimit} requests, it resets at ${formatTime(new Date(day.end))} (midnight ${limits.timeZone})`)
    }
    if (!burstCounted) {
      // the refused request gives its daily slot back
      if (limits.dailyLimit > 0) {
        await db.updateTable('api_usage').set({ request_count: sql`request_count - 1` }).where('user_id', '=', caller.user_id).where('period', '=', 'day').where('period_key', '=', day.key).execute()
      }
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
    try {
      await db.deleteFrom('api_usage').where('period', '=', 'burst').where('period_key', '<', burstCutoff).execute()
      await db.deleteFrom('api_usage').where('period', '=', 'day').where('period_key', '<', dayCutoff).execute()
    } catch (error) {
      // a failed clean-up must not fail the request; the next one retries after PRUNE_EVERY_MS
      log.warn({ err: error }, 'could not prune old API usage counters')
    }
  }
}
