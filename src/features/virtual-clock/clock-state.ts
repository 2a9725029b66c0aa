// The virtual clock's state: one setting (store/settings.ts; name `virtual_clock`, a JSON value),
// absent while the platform keeps real time. The platform's time is `base + offset` while the clock
// runs, or the frozen instant while it stands still. Each change is made from the stored state
// under that row's lock, so two controls at once both count (two advances of an hour move it two
// hours) and time never goes back.
import { ApiError } from '../../errors.ts'
import { formatTime } from '../../lib/clock.ts'
import type { Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { lockSettingRow, readSetting, writeSetting } from '../../store/settings.ts'

export const CLOCK_SETTING = 'virtual_clock'

export interface ClockState {
  /** Milliseconds added to the base clock while running. */
  offsetMs: number
  /** The instant the clock stands at (ms since the epoch), or null while it runs. */
  frozenAtMs: number | null
}

/** Real time: no offset, running. */
export const REAL_TIME: ClockState = Object.freeze({ offsetMs: 0, frozenAtMs: null })

/** The latest instant the wire format can write (four-digit years): no clock moves past it. */
const LAST_INSTANT_MS = Date.parse('9999-12-31T23:59:59Z')

/** The time a clock in `state` shows when the base clock says `baseMs`. */
export function virtualMs(state: ClockState, baseMs: number): number {
  return state.frozenAtMs ?? baseMs + state.offsetMs
}

/**
 * The stored state; REAL_TIME when there is none. A row that is not a clock state (edited by hand,
 * or the empty row a first lock makes) reads as real time too, as an unreadable maintenance row
 * reads as no window: the platform keeps running on the wall clock rather than failing requests.
 */
export async function readClockState(db: Queryable): Promise<ClockState> {
  return decode(await readSetting(db, CLOCK_SETTING))
}

function decode(stored: string | undefined): ClockState {
  if (stored === undefined || stored === '') return REAL_TIME
  try {
    const value = JSON.parse(stored) as { offset_ms?: unknown; frozen_at?: unknown }
    const offsetMs = typeof value.offset_ms === 'number' && Number.isFinite(value.offset_ms) ? value.offset_ms : 0
    const frozenAtMs = typeof value.frozen_at === 'string' ? Date.parse(value.frozen_at) : Number.NaN
    return { offsetMs, frozenAtMs: Number.isNaN(frozenAtMs) ? null : frozenAtMs }
  } catch {
    return REAL_TIME
  }
}

function encode(state: ClockState): string {
  return JSON.stringify({ offset_ms: state.offsetMs, frozen_at: state.frozenAtMs === null ? null : new Date(state.frozenAtMs).toISOString() })
}

/** A change of the clock: the next state from the current one and the base clock's time, or 1100 saying why not. */
export type ClockChange = (state: ClockState, baseMs: number) => ClockState

/** Moves the clock `byMs` forward (> 0); running or frozen, it stays so. */
export function advanceBy(byMs: number, asked: string): ClockChange {
  return (state, baseMs) => {
    const target = virtualMs(state, baseMs) + byMs
    if (target > LAST_INSTANT_MS) throw new ApiError('InvalidRequestFormat', `advancing by [${asked}] would pass ${formatTime(new Date(LAST_INSTANT_MS))}`)
    return state.frozenAtMs === null ? { offsetMs: state.offsetMs + byMs, frozenAtMs: null } : { offsetMs: state.offsetMs, frozenAtMs: target }
  }
}

/** Puts the clock at `at` (never before the time it shows now); frozen there when `freeze`, else it keeps running or standing as it was. */
export function setTo(at: Date, freeze: boolean): ClockChange {
  return (state, baseMs) => {
    const current = virtualMs(state, baseMs)
    if (at.getTime() < current) {
      throw new ApiError('InvalidRequestFormat', `time never goes back: [${formatTime(at)}] is before the platform's time [${formatTime(new Date(current))}]`)
    }
    if (freeze || state.frozenAtMs !== null) return { offsetMs: state.offsetMs, frozenAtMs: at.getTime() }
    return { offsetMs: at.getTime() - baseMs, frozenAtMs: null }
  }
}

/** A frozen clock runs again from where it stands; a running one is left as it is. */
export const resume: ClockChange = (state, baseMs) => (state.frozenAtMs === null ? state : { offsetMs: state.frozenAtMs - baseMs, frozenAtMs: null })

/**
 * Applies `change` to the stored state inside `db`'s transaction, holding the row until it ends,
 * and returns the new state. `baseNow` is read under the lock, so the change starts from the time
 * the clock shows at that moment.
 */
export async function changeClock(db: Tx, caps: Capabilities, baseNow: () => Date, change: ClockChange): Promise<ClockState> {
  await lockSettingRow(db, caps, CLOCK_SETTING)
  const next = change(await readClockState(db), baseNow().getTime())
  await writeSetting(db, CLOCK_SETTING, encode(next))
  return next
}
