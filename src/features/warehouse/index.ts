// The image warehouse (issue 6, item 4): where captured and imported images are kept as real
// files, in QINGLOCAL_WAREHOUSE_DIR (default <data>/warehouse). A platform service the
// administrator turns on and off (EnableWarehouse, DisableWarehouse; state in `settings`);
// CaptureInstance, ImportImage and ExportImage (features/images) answer 5500 while it is off.
// The files of images that become `ceased` are removed by the recycle-bin sweep of the job runner.
//
// Limitations: the warehouse is one directory on the server's file system (no object store, no
// replication, no per-user space quota); exports stay in exports/ until the operator removes them,
// and QingLocal serves no downloads of them; files in imports/ are usable by every user; ImportImage
// reaches only public addresses unless QINGLOCAL_IMPORT_ALLOW_PRIVATE_SOURCES is on, but a public
// source can still be any host the server can reach on the internet; no proxy setting is honoured;
// a file whose transaction fails to commit after it was written stays behind (rare: the handlers
// write last or remove what they wrote when they fail); a `.part-` file left by a crash is removed
// only once nobody has written to it for QINGLOCAL_IMPORT_TIMEOUT_MS (other processes may share
// the directory).
import type { Action } from '../../protocol/action.ts'
import { describeWarehouse } from './actions/describe-warehouse.ts'
import { disableWarehouse } from './actions/disable-warehouse.ts'
import { enableWarehouse } from './actions/enable-warehouse.ts'

/** Module /admin/: the warehouse switch and its state. */
export const warehouseAdminActions: Action[] = [describeWarehouse, enableWarehouse, disableWarehouse]
