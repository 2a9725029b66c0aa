// StartMaintenance (admin): switches maintenance on, until `end_time` (UTC; rounded up to the
// second) or until StopMaintenance. While it is on, mutating actions of every module answer 5300
// ServerUpdating naming the end time and `message`; reads and queued jobs go on. Starting again
// while it is on replaces the end time and message (an extension) but keeps the start time. An end
// time that is not in the future is refused (1100): it would switch nothing on.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatTime } from '../../../lib/clock.ts'
import { defineAction } from '../../../protocol/action.ts'
import { Optional, Str } from '../../../protocol/params.ts'
import { parseQueryTime } from '../../../protocol/time-stamp.ts'
import { inForce, maintenanceView, storedWindow, storeWindow } from '../maintenance.ts'

export const startMaintenance = defineAction({
  name: 'StartMaintenance',
  zone: 'none',
  params: Type.Object({
    end_time: Optional(Str({ maxLength: 32 })),
    message: Optional(Str({ maxLength: 500 })),
  }),
  async handle(params, ctx) {
    const now = ctx.clock.now()
    let end: string | null = null
    if (params.end_time !== undefined) {
      const at = parseQueryTime('end_time', params.end_time)
      if (at.getTime() <= now.getTime()) throw new ApiError('InvalidRequestFormat', `parameter end_time [${params.end_time}] is not in the future, the time is now ${formatTime(now)}`)
      end = formatTime(new Date(Math.ceil(at.getTime() / 1000) * 1000))
    }
    const running = inForce(await storedWindow(ctx.db), now)
    const window = { start_time: running?.start_time ?? formatTime(now), end_time: end, message: params.message ?? '' }
    await storeWindow(ctx.db, window)
    ctx.log.warn({ end_time: end }, 'maintenance started')
    return { maintenance: maintenanceView(window) }
  },
})
