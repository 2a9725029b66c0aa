// Server certificates: the list over DescribeServerCertificates, create from PEM text (the
// server checks that the certificate and key parse and match and answers 1100 naming the
// problem, shown in the dialog), modify the name and description, delete (5400 while a listener
// presents one). Listeners take them up from the load balancer's page.
import { useState } from 'react'
import { call, optional } from '../../api/client.ts'
import type { DescribeReply, ServerCertificate } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { FormDialog, TextField } from '../../components/FormDialog.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { useT } from '../../i18n/index.ts'
import { timeText } from './shared.tsx'

const fetchCertificates = (q: ListQuery) =>
  call<DescribeReply<'server_certificate_set', ServerCertificate>>('iaas', 'DescribeServerCertificates', { offset: q.offset, limit: q.limit, search_word: q.search_word }).then((r) => ({
    items: r.server_certificate_set,
    total: r.total_count,
  }))

/** How many PEM blocks (the certificate and its chain) the text holds. */
const pemBlocks = (pem: string) => pem.split('-----BEGIN CERTIFICATE-----').length - 1

export function CertificatesPage() {
  const t = useT()
  const [dialog, setDialog] = useState<{ kind: 'create' } | { kind: 'modify'; cert: ServerCertificate } | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = () => setReloadKey((n) => n + 1)
  const close = () => setDialog(null)
  const columns: Column<ServerCertificate>[] = [
    { label: t('certificates.id'), render: (c) => <code>{c.server_certificate_id}</code> },
    { label: t('certificates.name'), render: (c) => c.server_certificate_name || t('common.none') },
    { label: t('certificates.description'), render: (c) => c.description || t('common.none') },
    { label: t('certificates.content'), render: (c) => <span title={c.certificate_content}>{t('certificates.blocks', { count: pemBlocks(c.certificate_content) })}</span> },
    { label: t('certificates.created'), render: (c) => timeText(c.create_time, t.lang) },
  ]
  return (
    <section>
      <h1>{t('certificates.title')}</h1>
      <ResourceList
        label={t('certificates.title')}
        fetch={fetchCertificates}
        rowId={(c) => c.server_certificate_id}
        columns={columns}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => (
          <>
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
              {t('certificates.create')}
            </button>
            <button type="button" disabled={selected.length !== 1} onClick={() => selected[0] && setDialog({ kind: 'modify', cert: selected[0] })}>
              {t('common.modify')}
            </button>
            <ActionButton
              label={t('common.delete')}
              danger
              disabled={selected.length === 0}
              confirm={t('certificates.confirmDelete', { ids: selected.map((c) => c.server_certificate_id).join(', ') })}
              run={() => call('iaas', 'DeleteServerCertificates', { server_certificates: selected.map((c) => c.server_certificate_id) })}
              onDone={reloadList}
            />
          </>
        )}
      />
      {dialog?.kind === 'create' && <CreateDialog onClose={close} onDone={reload} />}
      {dialog?.kind === 'modify' && <ModifyDialog cert={dialog.cert} onClose={close} onDone={reload} />}
    </section>
  )
}

function CreateDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState('')
  const [content, setContent] = useState('')
  const [key, setKey] = useState('')
  return (
    <FormDialog
      title={t('certificates.create')}
      submitLabel={t('common.create')}
      wide
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'CreateServerCertificate', { server_certificate_name: optional(name), certificate_content: content.trim(), private_key: key.trim() })
        onDone()
      }}
    >
      <TextField label={t('certificates.name')} value={name} onChange={setName} />
      <TextField label={t('certificates.content')} value={content} onChange={setContent} multiline required placeholder="-----BEGIN CERTIFICATE-----" hint={t('certificates.contentHint')} />
      <TextField label={t('certificates.privateKey')} value={key} onChange={setKey} multiline required placeholder="-----BEGIN PRIVATE KEY-----" hint={t('certificates.privateKeyHint')} />
    </FormDialog>
  )
}

function ModifyDialog({ cert, onClose, onDone }: { cert: ServerCertificate; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(cert.server_certificate_name)
  const [description, setDescription] = useState(cert.description ?? '')
  return (
    <FormDialog
      title={t('certificates.modifyTitle', { id: cert.server_certificate_id })}
      submitLabel={t('common.save')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'ModifyServerCertificateAttributes', { server_certificate: cert.server_certificate_id, server_certificate_name: name === '' ? ' ' : name, description })
        onDone()
      }}
    >
      <TextField label={t('certificates.name')} value={name} onChange={setName} />
      <TextField label={t('certificates.description')} value={description} onChange={setDescription} multiline />
    </FormDialog>
  )
}
