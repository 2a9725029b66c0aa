// Administration → Recharges: every recharge and correction (DescribeRecharges, newest first; the
// search box takes a user id), Recharge a user's wallet (a negative amount corrects a mistake, the
// balance may not go below 0; money added resumes leases suspended for arrears), and
// UnleaseResources: end prepaid terms early in the current zone so their owners may delete them,
// optionally refunding the unused part.
import { useState } from 'react'
import { call, optional } from '../../api/client.ts'
import { useSession } from '../../api/session.tsx'
import type { DescribeReply, Recharge } from '../../api/types.ts'
import { CheckboxField, FormDialog, TextField } from '../../components/FormDialog.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { useT } from '../../i18n/index.ts'
import { when, yuan } from '../money/format.tsx'

const fetchRecharges = (q: ListQuery) =>
  call<DescribeReply<'recharge_set', Recharge>>('admin', 'DescribeRecharges', { offset: q.offset, limit: q.limit, users: q.search_word ? [q.search_word] : undefined }).then((r) => ({ items: r.recharge_set, total: r.total_count }))

export function RechargesPage() {
  const t = useT()
  const [dialog, setDialog] = useState<'recharge' | 'unlease' | null>(null)
  const [notice, setNotice] = useState('')
  const [reloadKey, setReloadKey] = useState(0)
  const columns: Column<Recharge>[] = [
    { label: t('admin.created'), render: (r) => when(t, r.create_time) },
    { label: t('admin.userId'), render: (r) => <code>{r.user_id}</code> },
    { label: t('admin.amount'), render: (r) => yuan(r.amount) },
    { label: t('admin.balanceAfter'), render: (r) => yuan(r.balance_after) },
    { label: t('admin.operator'), render: (r) => r.operator },
    { label: t('admin.remarks'), render: (r) => r.remarks || t('common.none') },
  ]
  return (
    <section>
      <h1>{t('admin.recharges')}</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ResourceList
        label={t('admin.recharges')}
        fetch={fetchRecharges}
        rowId={(r) => r.recharge_id}
        columns={columns}
        reloadKey={reloadKey}
        toolbar={() => (
          <>
            <button type="button" className="primary" onClick={() => setDialog('recharge')}>
              {t('admin.recharge')}
            </button>
            <button type="button" onClick={() => setDialog('unlease')}>
              {t('admin.unlease')}
            </button>
          </>
        )}
      />
      {dialog === 'recharge' && (
        <RechargeDialog
          onClose={() => setDialog(null)}
          onDone={(text) => {
            setNotice(text)
            setReloadKey((n) => n + 1)
          }}
        />
      )}
      {dialog === 'unlease' && <UnleaseDialog onClose={() => setDialog(null)} onDone={setNotice} />}
    </section>
  )
}

function RechargeDialog({ onClose, onDone }: { onClose: () => void; onDone: (text: string) => void }) {
  const t = useT()
  const [user, setUser] = useState('')
  const [amount, setAmount] = useState('')
  const [remarks, setRemarks] = useState('')
  return (
    <FormDialog
      title={t('admin.recharge')}
      submitLabel={t('admin.recharge')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ user_id: string; balance: string; resumed: number }>('admin', 'Recharge', { user: user.trim(), amount: amount.trim(), remarks: optional(remarks) })
        onDone(t('admin.recharged', { user: reply.user_id, balance: yuan(reply.balance), resumed: reply.resumed }))
      }}
    >
      <TextField label={t('admin.userId')} value={user} onChange={setUser} placeholder="usr-…" required />
      <TextField label={t('admin.amount')} value={amount} onChange={setAmount} required hint={t('admin.amountHint')} />
      <TextField label={t('admin.remarks')} value={remarks} onChange={setRemarks} />
    </FormDialog>
  )
}

function UnleaseDialog({ onClose, onDone }: { onClose: () => void; onDone: (text: string) => void }) {
  const t = useT()
  const { zone } = useSession()
  const [resources, setResources] = useState('')
  const [refund, setRefund] = useState(false)
  return (
    <FormDialog
      title={t('admin.unleaseTitle', { zone })}
      submitLabel={t('admin.unlease')}
      onClose={onClose}
      onSubmit={async () => {
        const ids = resources.split(/[\s,]+/).filter((s) => s !== '')
        await call('admin', 'UnleaseResources', { zone, resources: ids, refund })
        onDone(t('admin.unleased', { ids: ids.join(', ') }))
      }}
    >
      <p>{t('admin.unleaseHint')}</p>
      <TextField label={t('admin.unleaseResources')} value={resources} onChange={setResources} required hint={t('admin.idsHint')} />
      <CheckboxField label={t('admin.refund')} checked={refund} onChange={setRefund} />
    </FormDialog>
  )
}
