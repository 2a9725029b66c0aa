// DescribeMaintenance (admin): whether maintenance is on now, since when, until when (null: until
// StopMaintenance) and its message. Read from the store, not the gate's cached copy; a window whose
// end time has passed is reported off.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inForce, maintenanceView, storedWindow } from '../maintenance.ts'

export const describeMaintenance = defineAction({
  name: 'DescribeMaintenance',
  zone: 'none',
  params: Type.Object({}),
  async query(_params, ctx) {
    return { maintenance: maintenanceView(inForce(await storedWindow(ctx.db), ctx.clock.now())) }
  },
})
