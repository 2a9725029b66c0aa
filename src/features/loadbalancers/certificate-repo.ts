// Server-certificate rows (the private key sealed with the master key).
import type { ActionContext } from '../../protocol/action.ts'
import type { Queryable, ServerCertificateTable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { type CommonFilter, kindTotal, withCommonFilters } from '../resources/describe-filters.ts'
import { requireDistinct, requireOwned } from '../resources/guards.ts'
import { serverCertificateKind } from './lb-kind.ts'

export async function lockCertificates(db: Tx, caps: Capabilities, zone: string, ids: readonly string[]): Promise<ServerCertificateTable[]> {
  if (ids.length === 0) return []
  return caps
    .forUpdate(
      db
        .selectFrom('server_certificates')
        .selectAll()
        .where('zone_id', '=', zone)
        .where('server_certificate_id', 'in', [...ids].sort()),
    )
    .execute()
}

/** The caller's certificates, locked, in the order given (2100 unknown, 1400 another user's, 1100 twice). */
export async function getCertificatesForUpdate(ctx: Pick<ActionContext, 'db' | 'caps' | 'zone' | 'caller'>, parameter: string, ids: readonly string[]): Promise<ServerCertificateTable[]> {
  requireDistinct(parameter, ids)
  return requireOwned(await lockCertificates(ctx.db, ctx.caps, ctx.zone, ids), ids, (r) => r.server_certificate_id, ctx.caller)
}

export async function findCertificates(db: Queryable, zone: string, ids: readonly string[]): Promise<ServerCertificateTable[]> {
  if (ids.length === 0) return []
  return db.selectFrom('server_certificates').selectAll().where('zone_id', '=', zone).where('server_certificate_id', 'in', ids).execute()
}

// ── the certificate actions (Create/Describe/Modify/DeleteServerCertificates) ─────────────────────

export async function insertCertificate(db: Queryable, row: ServerCertificateTable): Promise<void> {
  await db.insertInto('server_certificates').values(row).execute()
}

export type CertificateChange = Partial<Pick<ServerCertificateTable, 'server_certificate_name' | 'description'>>

export async function updateCertificate(db: Queryable, id: string, change: CertificateChange): Promise<void> {
  if (Object.keys(change).length > 0) await db.updateTable('server_certificates').set(change).where('server_certificate_id', '=', id).execute()
}

export async function deleteCertificates(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('server_certificates').where('server_certificate_id', 'in', ids).execute()
}

export interface CertificateFilter extends CommonFilter {
  owner: string
  zone_id: string
}

/** One page of a user's certificates in a zone, newest first, and how many match before paging. */
export async function listCertificates(db: Queryable, filter: CertificateFilter, page: { offset: number; limit: number }) {
  const q = withCommonFilters(db.selectFrom('server_certificates').where('owner', '=', filter.owner).where('zone_id', '=', filter.zone_id), serverCertificateKind, filter)
  // total_count from the kept counts unless ids or a search word need the rows counted
  const scan = async () => Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const total = await kindTotal(db, serverCertificateKind, { owner: filter.owner, zone: filter.zone_id }, { ids: filter.ids, search_word: filter.search_word }, scan)
  const rows = await q.selectAll().orderBy('create_time', 'desc').orderBy('server_certificate_id', 'desc').offset(page.offset).limit(page.limit).execute()
  return { total, rows }
}
