// Mail: every message is written to the `outbox` table inside the action's transaction (so a mail
// exists exactly when the action committed), then delivered over SMTP after the commit when
// QINGLOCAL_SMTP_URL is set. Without SMTP the outbox is where mail stays; admins read it with
// DescribeOutbox. A delivered message's body is blanked: it may carry a single-use token, and the
// recipient's mailbox is now the only place that should hold it.
// Bodies carry single-use tokens (verification, password reset), so they are sealed with the master
// key (lib/secret-box.ts) like access-key secrets: a copy of the database reveals none of them.
// Only DescribeOutbox (for admins) and the SMTP delivery open them. Subjects are fixed texts and
// addresses are needed to filter, so both stay clear. Rows written before migration 0017 are
// sealed at start-up (sealClearMail), where the master key is known.
import type { FastifyBaseLogger } from 'fastify'
import nodemailer, { type Transporter } from 'nodemailer'
import { formatTime, type Clock } from '../../lib/clock.ts'
import type { IdGenerator } from '../../lib/ids.ts'
import type { SecretBox } from '../../lib/secret-box.ts'
import type { OutgoingMail } from '../../protocol/action.ts'
import type { Db, OutboxTable, Queryable } from '../../store/database.ts'

export async function queueMail(db: Queryable, ids: IdGenerator, box: SecretBox, now: Date, mail: OutgoingMail, smtp: boolean): Promise<void> {
  await db
    .insertInto('outbox')
    .values({ mail_id: ids.resource('mail'), to_address: mail.to, subject: mail.subject, body: box.seal(mail.text), sealed: 1, create_time: formatTime(now), status: smtp ? 'queued' : 'kept', error: '' })
    .execute()
}

/** A mail's body in clear: sealed bodies are opened, a delivered (blanked) body stays ''. */
export function openBody(mail: Pick<OutboxTable, 'body' | 'sealed'>, open: (sealed: string) => string): string {
  return mail.sealed && mail.body !== '' ? open(mail.body) : mail.body
}

/** Seals the bodies of rows written before bodies were sealed (migration 0017); start-up runs it with the master key. */
export async function sealClearMail(db: Queryable, box: SecretBox): Promise<number> {
  const clear = await db.selectFrom('outbox').select(['mail_id', 'body']).where('sealed', '=', 0).execute()
  for (const mail of clear) {
    await db
      .updateTable('outbox')
      .set({ body: mail.body === '' ? '' : box.seal(mail.body), sealed: 1 })
      .where('mail_id', '=', mail.mail_id)
      .where('sealed', '=', 0)
      .execute()
  }
  return clear.length
}

export class MailDelivery {
  private readonly transport: Transporter | undefined
  private running: Promise<void> | undefined

  constructor(private readonly deps: { db: Db; box: SecretBox; clock: Clock; log: FastifyBaseLogger; smtpUrl: string; from: string }) {
    this.transport = deps.smtpUrl ? nodemailer.createTransport(deps.smtpUrl) : undefined
  }

  get smtp(): boolean {
    return this.transport !== undefined
  }

  /** Sends every queued message; called after a commit that queued mail. Failures stay in the outbox. */
  deliver(): Promise<void> {
    if (!this.transport) return Promise.resolve()
    this.running ??= this.sendQueued().finally(() => (this.running = undefined))
    return this.running
  }

  private async sendQueued(): Promise<void> {
    const queued = await this.deps.db.selectFrom('outbox').selectAll().where('status', '=', 'queued').orderBy('create_time').limit(100).execute()
    for (const mail of queued) {
      // every worker of `serve --workers N` delivers: the mail is claimed first (queued → sending,
      // a compare-and-set), so it is sent by one of them, once; a crash before the send leaves it sending
      const claim = await this.deps.db.updateTable('outbox').set({ status: 'sending' }).where('mail_id', '=', mail.mail_id).where('status', '=', 'queued').executeTakeFirst()
      if (Number(claim.numUpdatedRows) === 0) continue
      try {
        const text = openBody(mail, (sealed) => this.deps.box.open(sealed))
        await this.transport!.sendMail({ from: this.deps.from, to: mail.to_address, subject: mail.subject, text })
        await this.deps.db.updateTable('outbox').set({ status: 'sent', body: '' }).where('mail_id', '=', mail.mail_id).execute()
      } catch (error) {
        this.deps.log.warn({ mail_id: mail.mail_id, err: (error as Error).message }, 'mail delivery failed')
        await this.deps.db
          .updateTable('outbox')
          .set({ status: 'failed', error: (error as Error).message.slice(0, 500) })
          .where('mail_id', '=', mail.mail_id)
          .execute()
      }
    }
  }

  close(): void {
    this.transport?.close()
  }
}

/** The newest messages to an address, newest first, bodies opened with `box` (tests read their tokens from here). */
export async function mailsTo(db: Queryable, box: SecretBox, address: string) {
  const rows = await db.selectFrom('outbox').selectAll().where('to_address', '=', address).orderBy('create_time', 'desc').orderBy('mail_id', 'desc').execute()
  return rows.map((mail) => ({ ...mail, body: openBody(mail, (sealed) => box.open(sealed)) }))
}

/** A page of the outbox for DescribeOutbox, newest first, bodies still as stored (sealed or blank). */
export async function listOutbox(db: Queryable, filter: { to_address?: string }, page: { offset: number; limit: number }) {
  let q = db.selectFrom('outbox')
  // addresses are stored lower-cased (accounts store emails that way)
  if (filter.to_address) q = q.where('to_address', '=', filter.to_address.toLowerCase())
  const [{ n }, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    q.select(['mail_id', 'to_address', 'subject', 'body', 'sealed', 'create_time', 'status', 'error']).orderBy('create_time', 'desc').orderBy('mail_id', 'desc').offset(page.offset).limit(page.limit).execute(),
  ])
  return { total: Number(n), rows }
}
