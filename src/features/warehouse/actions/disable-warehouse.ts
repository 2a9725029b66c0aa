// DisableWarehouse (admin): turns the image warehouse off. From the next request on, CaptureInstance,
// ImportImage and ExportImage answer 5500; images already stored stay (their files too), instances
// keep launching from them, and captures or imports already queued still finish.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { setWarehouseEnabled, warehouseView } from '../warehouse.ts'

export const disableWarehouse = defineAction({
  name: 'DisableWarehouse',
  zone: 'none',
  params: Type.Object({}),
  async handle(_params, ctx) {
    await setWarehouseEnabled(ctx.db, false)
    return await warehouseView(ctx.db, ctx.settings.warehouseDir)
  },
})
