// One consistent view for a query action whose reply combines several reads (a page and its
// total_count, rows and their children, a check and what it guards): a read-only transaction on the
// read connection. On SQLite (WAL) a deferred `begin` pins the snapshot at the first read and takes
// no write lock, so writers of this and other processes do not wait for it; on PostgreSQL
// `repeatable read read only` is one snapshot for all its statements. On SQLite the read connection
// is one, so other reads of the process wait for the snapshot to end: keep slow work (files, the
// network) out of it.
import type { Queryable } from './database.ts'

export async function inSnapshot<C extends { db: Queryable }, T>(ctx: C, work: (ctx: C) => Promise<T>): Promise<T> {
  return await ctx.db
    .transaction()
    .setAccessMode('read only')
    .setIsolationLevel('repeatable read')
    .execute((db) => work({ ...ctx, db }))
}
