// Administration → Outbox: the mail QingLocal sent or kept, newest first (DescribeOutbox; the search
// box takes an exact recipient address). Without SMTP, verification and reset mails wait here; a
// mail's body opens under its row.
import { call } from '../../api/client.ts'
import type { DescribeReply, Mail } from '../../api/types.ts'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { useT } from '../../i18n/index.ts'
import { when } from '../money/format.tsx'

const fetchMail = (q: ListQuery) => call<DescribeReply<'mail_set', Mail>>('admin', 'DescribeOutbox', { offset: q.offset, limit: q.limit, to_address: q.search_word }).then((r) => ({ items: r.mail_set, total: r.total_count }))

export function OutboxPage() {
  const t = useT()
  const columns: Column<Mail>[] = [
    { label: t('admin.created'), render: (m) => when(t, m.create_time) },
    { label: t('admin.mailTo'), render: (m) => m.to_address },
    {
      label: t('admin.mailSubject'),
      render: (m) => (
        <details>
          <summary>{m.subject}</summary>
          <pre className="mono">{m.body || t('admin.mailDelivered')}</pre>
        </details>
      ),
    },
    { label: t('admin.status'), render: (m) => (m.error ? `${m.status}: ${m.error}` : m.status) },
  ]
  return (
    <section>
      <h1>{t('admin.outbox')}</h1>
      <ResourceList label={t('admin.outbox')} fetch={fetchMail} rowId={(m) => m.mail_id} columns={columns} />
    </section>
  )
}
