// StopMaintenance (admin): switches maintenance off at once, whatever its end time. Stopping when
// it is already off (never started, or its end time passed) succeeds and changes nothing, so an
// operator's script can always run it.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { clearWindow, maintenanceView } from '../maintenance.ts'

export const stopMaintenance = defineAction({
  name: 'StopMaintenance',
  zone: 'none',
  params: Type.Object({}),
  async handle(_params, ctx) {
    await clearWindow(ctx.db)
    ctx.log.warn('maintenance stopped')
    return { maintenance: maintenanceView(undefined) }
  },
})
