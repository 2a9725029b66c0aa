// ExportImage: copies the file of one of the caller's images out of the warehouse, to
// exports/<owner>/<image_id><ext> under the warehouse directory, and answers where (relative to
// that directory) and how many bytes. QingLocal serves no downloads: the operator hands the file
// on. QingCloud documents no such action; the parameter is named like DeleteImages' items.
//
// The copy is made in `prepare`, before a transaction opens (a large file would otherwise hold
// SQLite's only connection), after the same checks the handler repeats: the warehouse is on (5500),
// the image is the caller's (2100 / 1400), idle, available and has a file in the warehouse (1400).
// A copy whose transaction then rolls back is removed. Exporting again replaces the earlier copy.
import { rm } from 'node:fs/promises'
import Type from 'typebox'
import { defineAction, type Caller } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import type { Queryable } from '../../../store/database.ts'
import { requireIdle, stateRule } from '../../resources/guards.ts'
import { requireWarehouse } from '../../warehouse/warehouse.ts'
import { exportImageFile, warehouseFileSize, warehousePath } from '../../warehouse/warehouse-files.ts'
import { requireOwnImages } from '../image-guards.ts'
import { findImage, type ImageRow } from '../image-repo.ts'

/** The image, when the caller may export it now; the reason otherwise. */
async function exportable(db: Queryable, dir: string, zone: string, id: string, caller: Caller): Promise<ImageRow> {
  await requireWarehouse(db, 'ExportImage')
  const found = await findImage(db, zone, id)
  const [row] = requireOwnImages(found ? [found] : [], [id], caller, 'can not be exported')
  requireIdle('image', id, row!)
  if (row!.status !== 'available') throw stateRule('image', id, 'is not available', 'can not be exported')
  // an image captured before the warehouse held files has none
  if ((await warehouseFileSize(dir, row!.warehouse_file)) === undefined) throw stateRule('image', id, 'has no file in the warehouse', 'can not be exported')
  return row!
}

export const exportImage = defineAction({
  name: 'ExportImage',
  params: Type.Object({
    image: Str(),
  }),
  async prepare(params, ctx) {
    const dir = ctx.settings.warehouseDir
    const row = await exportable(ctx.db, dir, ctx.zone, params.image, ctx.caller)
    return await exportImageFile(dir, row.warehouse_file, row.owner, row.image_id)
  },
  async handle(params, ctx, copied) {
    // a request that fails after all leaves no copy behind
    ctx.afterRollback(() => rm(warehousePath(ctx.settings.warehouseDir, copied.export_file), { force: true }))
    await exportable(ctx.db, ctx.settings.warehouseDir, ctx.zone, params.image, ctx.caller)
    return { image_id: params.image, ...copied }
  },
})
