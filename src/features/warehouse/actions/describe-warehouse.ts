// DescribeWarehouse (admin): whether the image warehouse is on, where its files are, how many
// images have a file there and how many bytes the directory holds (images, imports and exports).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { warehouseView } from '../warehouse.ts'

export const describeWarehouse = defineAction({
  name: 'DescribeWarehouse',
  zone: 'none',
  params: Type.Object({}),
  async query(_params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      return await warehouseView(ctx.db, ctx.settings.warehouseDir)
    })
  },
})
