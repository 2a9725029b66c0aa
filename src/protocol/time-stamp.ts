// `time_stamp` and `expires`: UTC `YYYY-MM-DDThh:mm:ssZ`, whole seconds, nothing else.
import { ApiError } from '../errors.ts'
import { formatTime } from '../lib/clock.ts'

const WIRE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

export function parseWireTime(name: string, value: unknown): Date {
  if (typeof value !== 'string' || value === '') throw new ApiError('InvalidRequestFormat', `missing parameter ${name}`)
  const date = new Date(value)
  // the round trip rejects impossible dates such as 2013-02-30T00:00:00Z
  if (!WIRE_TIME.test(value) || Number.isNaN(date.getTime()) || formatTime(date) !== value) {
    throw new ApiError('InvalidRequestFormat', `parameter ${name} should be UTC time format: [YYYY-MM-DDThh:mm:ssZ]`)
  }
  return date
}

/** 1300 when `time_stamp` is farther than the window from now (either way), or `expires` passed. */
export function checkFreshness(timeStamp: Date, expires: Date | undefined, now: Date, windowSeconds: number): void {
  const skew = Math.abs(now.getTime() - timeStamp.getTime()) / 1000
  if (skew > windowSeconds) {
    throw new ApiError(
      'RequestHasExpired',
      `time_stamp [${formatTime(timeStamp)}] is ${Math.round(skew)} seconds away from server time [${formatTime(now)}], the limit is ${windowSeconds} seconds`,
    )
  }
  if (expires && expires.getTime() < now.getTime()) {
    throw new ApiError('RequestHasExpired', `request expired at [${formatTime(expires)}], server time is [${formatTime(now)}]`)
  }
}
