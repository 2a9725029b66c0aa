// EnableWarehouse (admin): turns the image warehouse on, so CaptureInstance, ImportImage and
// ExportImage work. The directory (QINGLOCAL_WAREHOUSE_DIR) and its images/, imports/ and exports/
// are created here, so a directory QingLocal cannot use is reported now, to the administrator,
// rather than to the first user who captures an image. Enabling twice is harmless.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { defineAction } from '../../../protocol/action.ts'
import { setWarehouseEnabled, warehouseView } from '../warehouse.ts'
import { prepareWarehouseDirectory } from '../warehouse-files.ts'

export const enableWarehouse = defineAction({
  name: 'EnableWarehouse',
  zone: 'none',
  params: Type.Object({}),
  async handle(_params, ctx) {
    const dir = ctx.settings.warehouseDir
    try {
      await prepareWarehouseDirectory(dir)
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
      // 5500: the service stays off, and the message says why
      throw new ApiError('WarehouseNotEnabled', `warehouse directory [${dir}] can not be used (${reason}), the warehouse stays off`)
    }
    await setWarehouseEnabled(ctx.db, true)
    return await warehouseView(ctx.db, dir)
  },
})
