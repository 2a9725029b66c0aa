// Administration → Scripted faults: the faults still armed (DescribeFaults; the search box takes a
// fault id), ArmFault (the next calls of an action answer a chosen ret_code, optionally only for
// one access key), ArmJobFault (the next jobs of an action fail), DisarmFaults for the selection
// or all of them.
import { useState } from 'react'
import { call, optional } from '../../api/client.ts'
import type { DescribeReply, Fault } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { FormDialog, TextField } from '../../components/FormDialog.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { useT } from '../../i18n/index.ts'
import { when } from '../money/format.tsx'

const fetchFaults = (q: ListQuery) =>
  call<DescribeReply<'fault_set', Fault>>('admin', 'DescribeFaults', { offset: q.offset, limit: q.limit, faults: q.search_word ? [q.search_word] : undefined }).then((r) => ({ items: r.fault_set, total: r.total_count }))

export function FaultsPage() {
  const t = useT()
  const [arming, setArming] = useState<'reply' | 'job' | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const columns: Column<Fault>[] = [
    { label: t('admin.faultId'), render: (f) => <code>{f.fault_id}</code> },
    { label: t('admin.faultKind'), render: (f) => (f.kind === 'job' ? t('admin.faultKindJob') : t('admin.faultKindReply')) },
    { label: t('admin.faultAction'), render: (f) => f.fault_action },
    { label: t('admin.retCode'), render: (f) => f.ret_code },
    { label: t('admin.faultKey'), render: (f) => f.fault_access_key || t('admin.anyCaller') },
    { label: t('admin.remaining'), render: (f) => f.remaining },
    { label: t('admin.created'), render: (f) => when(t, f.create_time) },
  ]
  return (
    <section>
      <h1>{t('admin.faults')}</h1>
      <p className="muted">{t('admin.faultsIntro')}</p>
      <ResourceList
        label={t('admin.faults')}
        fetch={fetchFaults}
        rowId={(f) => f.fault_id}
        columns={columns}
        reloadKey={reloadKey}
        toolbar={({ selected, reload }) => (
          <>
            <button type="button" className="primary" onClick={() => setArming('reply')}>
              {t('admin.armFault')}
            </button>
            <button type="button" onClick={() => setArming('job')}>
              {t('admin.armJobFault')}
            </button>
            <ActionButton
              label={t('admin.disarm')}
              danger
              disabled={selected.length === 0}
              confirm={t('admin.confirmDisarm', { ids: selected.map((f) => f.fault_id).join(', ') })}
              run={() => call('admin', 'DisarmFaults', { faults: selected.map((f) => f.fault_id) })}
              onDone={reload}
            />
            <ActionButton label={t('admin.disarmAll')} danger confirm={t('admin.confirmDisarmAll')} run={() => call('admin', 'DisarmFaults')} onDone={reload} />
          </>
        )}
      />
      {arming && <ArmDialog kind={arming} onClose={() => setArming(null)} onDone={() => setReloadKey((n) => n + 1)} />}
    </section>
  )
}

function ArmDialog({ kind, onClose, onDone }: { kind: 'reply' | 'job'; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [action, setAction] = useState('')
  const [code, setCode] = useState(kind === 'job' ? '' : '5000')
  const [count, setCount] = useState('1')
  const [key, setKey] = useState('')
  return (
    <FormDialog
      title={kind === 'job' ? t('admin.armJobFault') : t('admin.armFault')}
      submitLabel={t('admin.arm')}
      onClose={onClose}
      onSubmit={async () => {
        if (kind === 'job') await call('admin', 'ArmJobFault', { job_action: action.trim(), count: optional(count), ret_code: optional(code) })
        else await call('admin', 'ArmFault', { fault_action: action.trim(), ret_code: code.trim(), count: optional(count), fault_access_key: optional(key) })
        onDone()
      }}
    >
      <TextField label={kind === 'job' ? t('admin.jobAction') : t('admin.faultAction')} value={action} onChange={setAction} required placeholder={kind === 'job' ? 'StopInstances' : 'RunInstances'} />
      <TextField label={t('admin.retCode')} type="number" value={code} onChange={setCode} required={kind === 'reply'} hint={kind === 'job' ? t('admin.jobRetCodeHint') : t('admin.retCodeHint')} />
      <TextField label={t('admin.faultCount')} type="number" value={count} onChange={setCount} />
      {kind === 'reply' && <TextField label={t('admin.faultKey')} value={key} onChange={setKey} hint={t('admin.faultKeyHint')} />}
    </FormDialog>
  )
}
