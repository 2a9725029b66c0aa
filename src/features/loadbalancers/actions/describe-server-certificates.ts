// DescribeServerCertificates: the caller's server certificates in the zone, newest first (an admin
// may name another `owner`). Filters: `server_certificates.N`, `search_word` (in the id or the
// name). Each carries its `certificate_content` and its `private_key`, opened from the store (the
// docs return it; terraform reads only the name and description). `verbose` adds nothing.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { describeParams, List, Optional, page, Str } from '../../../protocol/params.ts'
import { ownerScope } from '../../accounts/owner-scope.ts'
import { listCertificates } from '../certificate-repo.ts'
import { certificateItem } from '../policy-view.ts'

export const describeServerCertificates = defineAction({
  name: 'DescribeServerCertificates',
  params: Type.Object({
    server_certificates: Optional(List(Str())),
    ...describeParams,
  }),
  // handle, not query: the private keys are opened with ctx.unseal (the master key), which a query has not
  async handle(params, ctx) {
    const owner = ownerScope(ctx.caller, params.owner)
    if (owner === undefined) return { total_count: 0, server_certificate_set: [] }
    const { total, rows } = await listCertificates(ctx.db, { ids: params.server_certificates, search_word: params.search_word, owner, zone_id: ctx.zone }, page(params))
    return { total_count: total, server_certificate_set: rows.map((r) => certificateItem(r, ctx.unseal(r.private_key))) }
  },
})
