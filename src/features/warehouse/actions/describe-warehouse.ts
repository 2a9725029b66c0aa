// DescribeWarehouse (admin): whether the image warehouse is on, where its files are, how many
// images have a file there and how many bytes the directory holds (images, imports and exports).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { warehouseView } from '../warehouse.ts'

export const describeWarehouse = defineAction({
  name: 'DescribeWarehouse',
  zone: 'none',
  params: Type.Object({}),
  // no snapshot: two independent facts, and the directory walk must not hold the read connection
  async query(_params, ctx) {
    return await warehouseView(ctx.db, ctx.settings.warehouseDir)
  },
})
