// How far `clock advance` moves the clock: whole seconds (`5400`) or units from the largest down,
// each at most once (`30d`, `36h`, `90m`, `1h30m`, `2d12h`, `45s`). Always more than nothing.
import { ApiError } from '../../errors.ts'

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/

/** `text` in milliseconds, or 1100 naming the parameter and the value. */
export function parseDuration(parameter: string, text: string): number {
  const refuse = (why: string) => new ApiError('InvalidRequestFormat', `parameter ${parameter} should be ${why}, got [${text}]`)
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : unitsMs(text)
  if (ms === undefined) throw refuse('a duration such as 90m, 36h, 30d, 1h30m or a number of seconds')
  if (ms === 0) throw refuse('a duration above zero')
  if (!Number.isSafeInteger(ms)) throw refuse('a duration the clock can take')
  return ms
}

function unitsMs(text: string): number | undefined {
  const m = DURATION.exec(text)
  if (!m || text === '') return undefined
  const [, d, h, min, s] = m
  return Number(d ?? 0) * UNIT_MS.d + Number(h ?? 0) * UNIT_MS.h + Number(min ?? 0) * UNIT_MS.m + Number(s ?? 0) * UNIT_MS.s
}
