// Mail: every message is written to the `outbox` table inside the action's transaction (so a mail
// exists exactly when the action committed), then delivered over SMTP after the commit when
// QINGLOCAL_SMTP_URL is set. Without SMTP the outbox is where mail stays; admins read it with
// DescribeOutbox. A delivered message's body is blanked: it may carry a single-use token, and the
// recipient's mailbox is now the only place that should hold it.
import type { FastifyBaseLogger } from 'fastify'
import nodemailer, { type Transporter } from 'nodemailer'
import { formatTime, type Clock } from '../../lib/clock.ts'
import type { IdGenerator } from '../../lib/ids.ts'
import type { OutgoingMail } from '../../protocol/action.ts'
import type { Db, Queryable } from '../../store/database.ts'

export async function queueMail(db: Queryable, ids: IdGenerator, now: Date, mail: OutgoingMail, smtp: boolean): Promise<void> {
  await db
    .insertInto('outbox')
    .values({ mail_id: ids.resource('mail'), to_address: mail.to, subject: mail.subject, body: mail.text, create_time: formatTime(now), status: smtp ? 'queued' : 'kept', error: '' })
    .execute()
}

export class MailDelivery {
  private readonly transport: Transporter | undefined
  private running: Promise<void> | undefined

  constructor(private readonly deps: { db: Db; clock: Clock; log: FastifyBaseLogger; smtpUrl: string; from: string }) {
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
      try {
        await this.transport!.sendMail({ from: this.deps.from, to: mail.to_address, subject: mail.subject, text: mail.body })
        await this.deps.db.updateTable('outbox').set({ status: 'sent', body: '' }).where('mail_id', '=', mail.mail_id).execute()
      } catch (error) {
        this.deps.log.warn({ mail_id: mail.mail_id, err: (error as Error).message }, 'mail delivery failed')
        await this.deps.db.updateTable('outbox').set({ status: 'failed', error: (error as Error).message.slice(0, 500) }).where('mail_id', '=', mail.mail_id).execute()
      }
    }
  }

  close(): void {
    this.transport?.close()
  }
}

/** The newest messages to an address, newest first (tests read their tokens from here). */
export async function mailsTo(db: Queryable, address: string) {
  return db.selectFrom('outbox').selectAll().where('to_address', '=', address).orderBy('create_time', 'desc').orderBy('mail_id', 'desc').execute()
}

