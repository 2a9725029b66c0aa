// What the caller-facing billing actions share: whose billing a request may look at (`user`), list
// parameters that clients also send as one plain value (the docs' own example sends `zone=gd2` and
// `user=usr-…` to GetChargeSums), the UTC time bounds of a query, the lease of a resource, and the
// calendar periods GetChargeSums adds up by.
import Type from 'typebox'
import { ApiError } from '../../errors.ts'
import { formatTime } from '../../lib/clock.ts'
import { parseQueryTime } from '../../protocol/time-stamp.ts'
import type { Caller } from '../../protocol/action.ts'
import { List, Str } from '../../protocol/params.ts'
import type { LeaseTable, Queryable } from '../../store/database.ts'
import { resourceKinds } from '../../resource-kinds.ts'
import { findUser } from '../accounts/user-repo.ts'
import { ownersQuery } from '../resources/kind-queries.ts'
import { kindOfId } from '../resources/resource-kind.ts'

/**
 * The user whose billing the request is about: the caller, unless `user` names someone else, which
 * only an administrator may (read-only; an unknown user is 2100). Sub-accounts are not modelled, so
 * a normal user's only user is themselves.
 */
export async function subjectOf(ctx: { db: Queryable; caller: Caller }, user: string | undefined): Promise<string> {
  if (user === undefined || user === ctx.caller.user_id) return ctx.caller.user_id
  if (ctx.caller.role !== 'admin') throw new ApiError('PermissionDenied', `access denied for user [${user}], you may only see your own billing`)
  if (!(await findUser(ctx.db, user))) throw new ApiError('ResourceNotFound', `user [${user}] not found`)
  return user
}

/** A list parameter that also accepts one plain value (`zone=pek3a` as well as `zone.1=pek3a`). */
export const Names = () => Type.Union([Str({ maxLength: 256 }), List(Str({ maxLength: 256 }))])

/** The values of a `Names` parameter; undefined when it was not given (or given empty). */
export function namesOf(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined
  const list = (typeof value === 'string' ? [value] : value).filter((v) => v !== '')
  return list.length ? list : undefined
}

/**
 * `start_time` / `end_time` as bounds on the stored `start_time` texts (whole seconds): records
 * from `from` (inclusive) up to `to` (exclusive). A bound with milliseconds is rounded up to the
 * next whole second, which keeps exactly the same stored times on either side of it.
 */
export function timeBounds(params: { start_time?: string; end_time?: string }): { from?: string; to?: string } {
  const start = params.start_time === undefined ? undefined : parseQueryTime('start_time', params.start_time)
  const end = params.end_time === undefined ? undefined : parseQueryTime('end_time', params.end_time)
  if (start && end && end.getTime() < start.getTime()) {
    throw new ApiError('InvalidRequestFormat', `parameter end_time [${params.end_time}] is before start_time [${params.start_time}]`)
  }
  const bound = (d: Date) => formatTime(new Date(Math.ceil(d.getTime() / 1000) * 1000))
  return { ...(start && { from: bound(start) }), ...(end && { to: bound(end) }) }
}

/**
 * Checks that `resourceId` in `zone` is not someone else's (1400, as every action answers another
 * user's id) and returns its leases there, newest first. A resource with no lease that is another
 * user's resource is refused too; whether an unknown id is an error is the caller's choice.
 */
export async function leasesOfResource(db: Queryable, zone: string, resourceId: string, subject: string): Promise<LeaseTable[]> {
  const leases = await db.selectFrom('leases').selectAll().where('resource_id', '=', resourceId).where('zone_id', '=', zone).orderBy('lease_time', 'desc').orderBy('lease_id', 'desc').execute()
  const owners = leases.length ? leases.map((l) => l.owner) : [await resourceOwner(db, zone, resourceId)].filter((o) => o !== undefined)
  if (owners.some((owner) => owner !== subject)) throw new ApiError('PermissionDenied', `resource [${resourceId}] does not belong to you`)
  return leases
}

/** The owner of a resource of a known family in this zone (system images: `system`), or undefined. */
export async function resourceOwner(db: Queryable, zone: string, resourceId: string): Promise<string | undefined> {
  const kind = kindOfId(resourceKinds, resourceId)
  if (!kind) return undefined
  const row = await ownersQuery(db, kind, [resourceId], zone).executeTakeFirst()
  return row?.owner
}

export const DURATIONS = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'total'] as const
export type SumDuration = (typeof DURATIONS)[number]

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * The period an instant falls in, named by its start in `timeZone`: `2026-01-15` (daily), the
 * Monday's date (weekly), `2026-01`, `2026-Q1`, `2026`, or `total`.
 */
export function periodLabel(at: Date, duration: SumDuration, timeZone = 'UTC'): string {
  if (duration === 'total') return 'total'
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(at).map((p) => [p.type, p.value]))
  const year = Number(parts.year)
  const month = Number(parts.month)
  const day = Number(parts.day)
  switch (duration) {
    case 'daily':
      return `${year}-${pad(month)}-${pad(day)}`
    case 'weekly': {
      const date = new Date(Date.UTC(year, month - 1, day))
      date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7))
      return date.toISOString().slice(0, 10)
    }
    case 'monthly':
      return `${year}-${pad(month)}`
    case 'quarterly':
      return `${year}-Q${Math.ceil(month / 3)}`
    case 'yearly':
      return String(year)
  }
}
