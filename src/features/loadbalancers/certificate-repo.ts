// Server-certificate rows (the private key sealed with the master key).
import type { ActionContext } from '../../protocol/action.ts'
import type { Queryable, ServerCertificateTable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { requireDistinct, requireOwned } from '../resources/guards.ts'

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
