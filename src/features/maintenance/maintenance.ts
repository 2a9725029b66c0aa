// The maintenance switch: one setting (store/settings.ts; name `maintenance`, a JSON value) while it is on,
// no row while it is off. A window with an end time is over once the clock passes it: nothing has
// to run to switch it off, every reader compares the end time with its own clock (a stale row is
// overwritten by the next StartMaintenance or removed by StopMaintenance).
import { ApiError } from '../../errors.ts'
import type { Queryable } from '../../store/database.ts'
import { deleteSetting, readSetting, writeSetting } from '../../store/settings.ts'

const SETTING = 'maintenance'

export interface MaintenanceWindow {
  start_time: string
  /** UTC, whole seconds; null: until an administrator stops it. */
  end_time: string | null
  message: string
}

/** The stored window, whether or not its end time has passed; undefined when none is stored (or it is unreadable). */
export async function storedWindow(db: Queryable): Promise<MaintenanceWindow | undefined> {
  const stored = await readSetting(db, SETTING)
  if (stored === undefined) return undefined
  try {
    const value = JSON.parse(stored) as Partial<MaintenanceWindow>
    if (typeof value.start_time !== 'string') return undefined
    return { start_time: value.start_time, end_time: typeof value.end_time === 'string' ? value.end_time : null, message: typeof value.message === 'string' ? value.message : '' }
  } catch {
    return undefined
  }
}

/** The window in force at `now`: stored, and its end time (if any) not yet reached. */
export function inForce(window: MaintenanceWindow | undefined, now: Date): MaintenanceWindow | undefined {
  if (!window) return undefined
  if (window.end_time !== null && new Date(window.end_time).getTime() <= now.getTime()) return undefined
  return window
}

export async function storeWindow(db: Queryable, window: MaintenanceWindow): Promise<void> {
  await writeSetting(db, SETTING, JSON.stringify(window))
}

export async function clearWindow(db: Queryable): Promise<void> {
  await deleteSetting(db, SETTING)
}

/** How DescribeMaintenance, StartMaintenance and StopMaintenance show the switch. */
export function maintenanceView(window: MaintenanceWindow | undefined) {
  return window ? { status: 'on' as const, start_time: window.start_time, end_time: window.end_time, message: window.message } : { status: 'off' as const, start_time: null, end_time: null, message: '' }
}

/** What a mutating action answers while the window is in force. */
export function serverUpdating(window: MaintenanceWindow): ApiError {
  const until = window.end_time ? `until ${window.end_time}` : 'until an administrator ends it'
  const note = window.message ? `: ${window.message}` : ''
  return new ApiError('ServerUpdating', `the platform is under maintenance ${until}, only reads are served${note}`)
}
