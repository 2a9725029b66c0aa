// DescribeOutbox: the mail QingLocal has sent or kept, newest first. Without SMTP this is where
// verification and reset mails wait; a delivered mail's body is blank (see mail/outbox.ts). Bodies
// are sealed in the store; this is the one action that opens them.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Int, Optional, page, Str } from '../../../protocol/params.ts'
import { listOutbox, openBody } from '../../mail/outbox.ts'

export const describeOutbox = defineAction({
  name: 'DescribeOutbox',
  zone: 'none',
  params: Type.Object({
    to_address: Optional(Str({ maxLength: 320 })),
    offset: Optional(Int({ minimum: 0 })),
    limit: Optional(Int()),
  }),
  // handle, not query: the bodies are opened with ctx.unseal (the master key), which a query has not; an admin's rare read
  async handle(params, ctx) {
    const { total, rows } = await listOutbox(ctx.db, params, page(params))
    return { total_count: total, mail_set: rows.map(({ sealed, ...mail }) => ({ ...mail, body: openBody({ body: mail.body, sealed }, ctx.unseal) })) }
  },
})
