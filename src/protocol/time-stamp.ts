// `time_stamp` and `expires`: UTC `YYYY-MM-DDThh:mm:ssZ`, whole seconds, nothing else. Times a
// request asks about (start_time, end_time) may also carry milliseconds: parseQueryTime.
import { ApiError } from '../errors.ts'
import { formatTime } from '../lib/clock.ts'

const WIRE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/

export function parseWireTime(name: string, value: unknown): Date {
  if (typeof value !== 'string' || value === '') throw new ApiError('InvalidRequestFormat', `missing parameter ${name}`)
  const m = WIRE_TIME.exec(value)
  const date = m ? new Date(value) : undefined
  // every field read back as given: impossible dates (2013-02-30, 24:00:00) roll over or are invalid
  if (!m || !date || !sameFields(date, m)) throw new ApiError('InvalidRequestFormat', `parameter ${name} should be UTC time format: [YYYY-MM-DDThh:mm:ssZ]`)
  return date
}

/** Whether `date` has the year, month, day, hour, minute and second matched by WIRE_TIME (NaN for an invalid date matches nothing). */
function sameFields(date: Date, m: RegExpExecArray): boolean {
  return (
    date.getUTCFullYear() === Number(m[1]) &&
    date.getUTCMonth() + 1 === Number(m[2]) &&
    date.getUTCDate() === Number(m[3]) &&
    date.getUTCHours() === Number(m[4]) &&
    date.getUTCMinutes() === Number(m[5]) &&
    date.getUTCSeconds() === Number(m[6])
  )
}

/** 1300 when `time_stamp` is farther than the window from now (either way), or `expires` passed. */
export function checkFreshness(timeStamp: Date, expires: Date | undefined, now: Date, windowSeconds: number): void {
  const skew = Math.abs(now.getTime() - timeStamp.getTime()) / 1000
  if (skew > windowSeconds) {
    throw new ApiError('RequestHasExpired', `time_stamp [${formatTime(timeStamp)}] is ${Math.round(skew)} seconds away from server time [${formatTime(now)}], the limit is ${windowSeconds} seconds`)
  }
  if (expires && expires.getTime() < now.getTime()) {
    throw new ApiError('RequestHasExpired', `request expired at [${formatTime(expires)}], server time is [${formatTime(now)}]`)
  }
}

const QUERY_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/

/** `2011-07-11T11:07:00Z` or `2011-07-11T11:07:00.520Z` → the instant; 1100 naming the parameter for anything else. */
export function parseQueryTime(parameter: string, text: string): Date {
  const m = QUERY_TIME.exec(text)
  const at = m ? new Date(`${m.slice(1, 4).join('-')}T${m.slice(4, 7).join(':')}.${(m[7] ?? '').padEnd(3, '0')}Z`) : undefined
  // the round trip refuses days and hours that do not exist (2026-02-30, 24:00) but Date would roll over
  if (!m || !at || Number.isNaN(at.getTime()) || formatTime(at) !== `${m.slice(1, 4).join('-')}T${m.slice(4, 7).join(':')}Z`) {
    throw new ApiError('InvalidRequestFormat', `parameter ${parameter} should be a UTC time such as 2011-07-11T11:07:00Z or 2011-07-11T11:07:00.520Z, got [${text}]`)
  }
  return at
}
