// The image warehouse as a platform service: off until an administrator turns it on
// (EnableWarehouse), a setting (store/settings.ts) so the switch outlives restarts and is shared by every
// process on one store. Actions that store or hand out image files call requireWarehouse first.
import { ApiError } from '../../errors.ts'
import type { Queryable } from '../../store/database.ts'
import { readSetting, writeSetting } from '../../store/settings.ts'
import { countImagesInWarehouse } from '../images/image-repo.ts'
import { bytesBelow } from './warehouse-files.ts'

const ENABLED = 'warehouse_enabled'

export async function warehouseEnabled(db: Queryable): Promise<boolean> {
  return (await readSetting(db, ENABLED)) === 'true'
}

export async function setWarehouseEnabled(db: Queryable, enabled: boolean): Promise<void> {
  await writeSetting(db, ENABLED, String(enabled))
}

/** 5500 WarehouseNotEnabled unless an administrator has turned the warehouse on. */
export async function requireWarehouse(db: Queryable, action: string): Promise<void> {
  if (!(await warehouseEnabled(db))) throw new ApiError('WarehouseNotEnabled', `the image warehouse is not enabled, ${action} needs it; an administrator turns it on with EnableWarehouse`)
}

/** What DescribeWarehouse (and the switches) answer. */
export async function warehouseView(db: Queryable, dir: string) {
  const stored = await countImagesInWarehouse(db)
  return {
    enabled: (await warehouseEnabled(db)) ? 1 : 0,
    directory: dir,
    // images whose file is in the warehouse, deleted ones in the recycle bin included
    images_stored: stored,
    bytes_used: await bytesBelow(dir),
  }
}
