// Statics and entries as DescribeRouterStatics and DescribeRouterStaticEntries show them: every val
// a string ('' when unused), static_type and disabled ints, create_time RFC 3339 (the Go SDK's
// RouterStatic and RouterStaticEntry types).
import type { RouterStaticEntryTable, RouterStaticTable } from '../../store/database.ts'

export function staticItem(row: RouterStaticTable, entries: readonly RouterStaticEntryTable[]) {
  return {
    router_static_id: row.router_static_id,
    router_id: row.router_id,
    vxnet_id: row.vxnet_id,
    router_static_name: row.router_static_name,
    static_type: row.static_type,
    val1: row.val1,
    val2: row.val2,
    val3: row.val3,
    val4: row.val4,
    val5: row.val5,
    val6: row.val6,
    val7: row.val7,
    val8: row.val8,
    val9: row.val9,
    disabled: row.disabled,
    owner: row.owner,
    create_time: row.create_time,
    entry_set: entries.map((e) => ({ router_static_entry_id: e.router_static_entry_id, router_static_entry_name: e.router_static_entry_name, val1: e.val1, val2: e.val2 })),
  }
}

export function entryItem(row: RouterStaticEntryTable) {
  return {
    router_id: row.router_id,
    router_static_id: row.router_static_id,
    router_static_entry_id: row.router_static_entry_id,
    router_static_entry_name: row.router_static_entry_name,
    val1: row.val1,
    val2: row.val2,
    owner: row.owner,
    create_time: row.create_time,
  }
}
