// The clock controls: `clock` shows the platform's time, `clock/advance` (by=90m, 36h, 30d, 1h30m or
// seconds), `clock/set` (time=YYYY-MM-DDThh:mm:ssZ, freeze=1 to stop it there) and `clock/resume`
// move it (features/virtual-clock). Time never goes back. After a move, unless jobs run at manual
// speed, what became due happens before the reply: a billing tick charges every period that began,
// the sweeps run and due jobs are taken a phase further; at manual speed they wait to be stepped
// (`qinglocal jobs step`, `qinglocal billing tick`), as they always do there.
import { ApiError } from '../errors.ts'
import type { JobRunner } from '../features/jobs/job-runner.ts'
import { advanceBy, changeClock, type ClockChange, resume, setTo } from '../features/virtual-clock/clock-state.ts'
import { parseDuration } from '../features/virtual-clock/durations.ts'
import type { ClockView, VirtualClock } from '../features/virtual-clock/virtual-clock.ts'
import { formatTime } from '../lib/clock.ts'
import { parseWireTime } from '../protocol/time-stamp.ts'
import type { Store } from '../store/store.ts'
import type { Control } from './control-api.ts'

export interface ClockControlDeps {
  store: Store
  clock: VirtualClock
  runner: JobRunner
}

/** The clock as the controls and health show it. */
export function clockFields(view: ClockView) {
  return { now: formatTime(view.now), base_now: formatTime(view.baseNow), offset_seconds: view.offsetSeconds, frozen: view.frozen }
}

const MANUAL_NOTE = 'jobs run at manual speed: jobs and billing move only when stepped (qinglocal jobs step, qinglocal billing tick)'

export function clockControls(deps: ClockControlDeps): Record<string, Control> {
  /** Commits `change`, makes this process see it at once, then lets what became due happen. */
  const move = async (change: ClockChange) => {
    await deps.store.db.transaction().execute((db) => changeClock(db, deps.store.caps, () => deps.clock.baseNow(), change))
    await deps.clock.refresh()
    const caughtUp = await deps.runner.catchUp()
    return { ...clockFields(deps.clock.view()), caught_up: caughtUp, note: caughtUp ? '' : MANUAL_NOTE }
  }
  return {
    clock: { method: 'GET', run: async () => clockFields(deps.clock.view()) },
    'clock/advance': {
      method: 'POST',
      params: ['by'],
      run: async ({ params }) => {
        if (params.by === undefined) throw new ApiError('InvalidRequestFormat', 'missing parameter by (a duration such as 90m, 36h, 30d, 1h30m or a number of seconds)')
        return move(advanceBy(parseDuration('by', params.by), params.by))
      },
    },
    'clock/set': {
      method: 'POST',
      params: ['time', 'freeze'],
      run: async ({ params }) => {
        const at = parseWireTime('time', params.time)
        if (params.freeze !== undefined && params.freeze !== '0' && params.freeze !== '1') throw new ApiError('InvalidRequestFormat', `parameter freeze should be 0 or 1, got [${params.freeze}]`)
        return move(setTo(at, params.freeze === '1'))
      },
    },
    'clock/resume': { method: 'POST', run: async () => move(resume) },
  }
}
