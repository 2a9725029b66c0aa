// Key pairs — the pattern page for resource pages: a ResourceList over DescribeKeyPairs, a toolbar
// of actions on the selection, and one dialog per action that takes input. CreateKeyPair shows a
// generated private key once (it is never stored) with a download button; Attach/DetachKeyPairs
// answer a job_id, which ActionButton / useJobs() track until it ends.
import { useEffect, useRef, useState } from 'react'
import { call, optional } from '../../api/client.ts'
import type { DescribeReply, Instance, KeyPair } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { useJobs } from '../../components/JobProgress.tsx'
import { Modal } from '../../components/Modal.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { useT } from '../../i18n/index.ts'

const KEY_TYPES = ['ssh-rsa', 'ssh-dss', 'ecdsa-sha2-nistp521', 'ssh-ed25519']

const fetchKeyPairs = (q: ListQuery) => call<DescribeReply<'keypair_set', KeyPair>>('iaas', 'DescribeKeyPairs', { ...q, verbose: 1 }).then((r) => ({ items: r.keypair_set, total: r.total_count }))

type Dialog = { kind: 'create' } | { kind: 'modify'; keypair: KeyPair } | { kind: 'attach' | 'detach'; keypairs: KeyPair[] } | { kind: 'privateKey'; id: string; name: string; key: string }

export function KeyPairsPage() {
  const t = useT()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = () => setReloadKey((n) => n + 1)
  const close = () => setDialog(null)

  const columns: Column<KeyPair>[] = [
    { label: t('keypairs.id'), render: (k) => <code>{k.keypair_id}</code> },
    { label: t('keypairs.name'), render: (k) => k.keypair_name || t('common.none') },
    { label: t('keypairs.encryptMethod'), render: (k) => k.encrypt_method },
    { label: t('keypairs.instances'), render: (k) => (k.instance_ids.length ? k.instance_ids.join(', ') : t('common.none')) },
    { label: t('keypairs.description'), render: (k) => k.description || t('common.none') },
    { label: t('keypairs.created'), render: (k) => new Date(k.create_time).toLocaleString(t.lang === 'zh' ? 'zh-CN' : 'en') },
  ]

  return (
    <section>
      <h1>{t('keypairs.title')}</h1>
      <ResourceList
        label={t('keypairs.title')}
        fetch={fetchKeyPairs}
        rowId={(k) => k.keypair_id}
        columns={columns}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => (
          <>
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
              {t('keypairs.create')}
            </button>
            <button type="button" disabled={selected.length !== 1} onClick={() => selected[0] && setDialog({ kind: 'modify', keypair: selected[0] })}>
              {t('common.modify')}
            </button>
            <button type="button" disabled={selected.length === 0} onClick={() => setDialog({ kind: 'attach', keypairs: selected })}>
              {t('keypairs.attach')}
            </button>
            <button type="button" disabled={!selected.some((k) => k.instance_ids.length > 0)} onClick={() => setDialog({ kind: 'detach', keypairs: selected })}>
              {t('keypairs.detach')}
            </button>
            <ActionButton
              label={t('common.delete')}
              danger
              disabled={selected.length === 0}
              confirm={t('keypairs.confirmDelete', { ids: selected.map((k) => k.keypair_id).join(', ') })}
              run={() => call('iaas', 'DeleteKeyPairs', { keypairs: selected.map((k) => k.keypair_id) })}
              onDone={reloadList}
            />
          </>
        )}
      />
      {dialog?.kind === 'create' && (
        <CreateDialog
          onClose={close}
          onCreated={(created) => {
            reload()
            if (created.key) setDialog({ kind: 'privateKey', ...created })
          }}
        />
      )}
      {dialog?.kind === 'privateKey' && <PrivateKeyDialog id={dialog.id} name={dialog.name} privateKey={dialog.key} onClose={close} />}
      {dialog?.kind === 'modify' && <ModifyDialog keypair={dialog.keypair} onClose={close} onDone={reload} />}
      {(dialog?.kind === 'attach' || dialog?.kind === 'detach') && <BindDialog kind={dialog.kind} keypairs={dialog.keypairs} onClose={close} onDone={reload} />}
    </section>
  )
}

function CreateDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (created: { id: string; name: string; key: string }) => void }) {
  const t = useT()
  const [name, setName] = useState('')
  const [mode, setMode] = useState<'system' | 'user'>('system')
  const [method, setMethod] = useState('ssh-rsa')
  const [publicKey, setPublicKey] = useState('')
  const [description, setDescription] = useState('')
  const created = useRef<{ id: string; name: string; key: string } | null>(null)
  return (
    <FormDialog
      title={t('keypairs.create')}
      submitLabel={t('common.create')}
      onClose={() => {
        onClose()
        if (created.current) onCreated(created.current)
      }}
      onSubmit={async () => {
        const reply = await call<{ keypair_id: string; private_key?: string }>('iaas', 'CreateKeyPair', {
          keypair_name: optional(name),
          mode,
          encrypt_method: mode === 'system' ? method : undefined,
          public_key: mode === 'user' ? publicKey.trim() : undefined,
          description: optional(description),
        })
        created.current = { id: reply.keypair_id, name: name.trim() || reply.keypair_id, key: reply.private_key ?? '' }
      }}
    >
      <TextField label={t('keypairs.name')} value={name} onChange={setName} />
      <SelectField
        label={t('keypairs.mode')}
        value={mode}
        onChange={(v) => setMode(v === 'user' ? 'user' : 'system')}
        options={[
          { value: 'system', label: t('keypairs.modeSystem') },
          { value: 'user', label: t('keypairs.modeUser') },
        ]}
      />
      {mode === 'system' ? (
        <SelectField label={t('keypairs.encryptMethod')} value={method} onChange={setMethod} options={KEY_TYPES.map((k) => ({ value: k, label: k }))} />
      ) : (
        <TextField label={t('keypairs.publicKey')} value={publicKey} onChange={setPublicKey} multiline required hint={t('keypairs.publicKeyHint')} />
      )}
      <TextField label={t('keypairs.description')} value={description} onChange={setDescription} multiline />
    </FormDialog>
  )
}

/** The generated private key, shown this once. */
function PrivateKeyDialog({ id, name, privateKey, onClose }: { id: string; name: string; privateKey: string; onClose: () => void }) {
  const t = useT()
  const download = () => {
    const url = URL.createObjectURL(new Blob([privateKey], { type: 'application/x-pem-file' }))
    const a = document.createElement('a')
    a.href = url
    a.download = `${name.replace(/[^\w.-]+/g, '_') || id}.pem`
    a.click()
    URL.revokeObjectURL(url)
  }
  return (
    <Modal title={t('keypairs.privateKeyTitle', { id })} onClose={onClose} wide>
      <p className="notice notice-warning">{t('keypairs.privateKeyOnce')}</p>
      <label htmlFor="private-key">{t('keypairs.privateKey')}</label>
      <textarea id="private-key" className="mono" readOnly rows={12} value={privateKey} />
      <div className="dialog-buttons">
        <button type="button" onClick={download}>
          {t('keypairs.download')}
        </button>
        <button type="button" className="primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  )
}

function ModifyDialog({ keypair, onClose, onDone }: { keypair: KeyPair; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(keypair.keypair_name)
  const [description, setDescription] = useState(keypair.description)
  return (
    <FormDialog
      title={t('keypairs.modifyTitle', { id: keypair.keypair_id })}
      submitLabel={t('common.save')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'ModifyKeyPairAttributes', { keypair: keypair.keypair_id, keypair_name: name, description })
        onDone()
      }}
    >
      <TextField label={t('keypairs.name')} value={name} onChange={setName} />
      <TextField label={t('keypairs.description')} value={description} onChange={setDescription} multiline />
    </FormDialog>
  )
}

/** Attach the selected key pairs to an instance, or detach them from one they are on. */
function BindDialog({ kind, keypairs, onClose, onDone }: { kind: 'attach' | 'detach'; keypairs: KeyPair[]; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [instances, setInstances] = useState<Array<{ value: string; label: string }> | null>(null)
  const [instance, setInstance] = useState('')
  const [error, setError] = useState<unknown>(null)

  useEffect(() => {
    if (kind === 'detach') {
      const ids = [...new Set(keypairs.flatMap((k) => k.instance_ids))]
      setInstances(ids.map((id) => ({ value: id, label: id })))
      setInstance(ids[0] ?? '')
      return
    }
    call<DescribeReply<'instance_set', Instance>>('iaas', 'DescribeInstances', { status: ['running', 'stopped'], limit: 100 })
      .then((r) => {
        setInstances(r.instance_set.map((i) => ({ value: i.instance_id, label: i.instance_name ? `${i.instance_name} (${i.instance_id})` : i.instance_id })))
        setInstance(r.instance_set[0]?.instance_id ?? '')
      })
      .catch(setError)
  }, [kind, keypairs])

  const params = { keypairs: keypairs.map((k) => k.keypair_id), instances: [instance] }
  return (
    <FormDialog
      title={kind === 'attach' ? t('keypairs.attachTitle') : t('keypairs.detachTitle')}
      submitLabel={kind === 'attach' ? t('keypairs.attach') : t('keypairs.detach')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = kind === 'attach' ? await call<{ job_id: string }>('iaas', 'AttachKeyPairs', params) : await call<{ job_id: string }>('iaas', 'DetachKeyPairs', params)
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <p>{keypairs.map((k) => k.keypair_id).join(', ')}</p>
      <ErrorNotice error={error} />
      {instances === null ? (
        <p>{t('common.loading')}</p>
      ) : instances.length === 0 ? (
        <p>{t('keypairs.noInstances')}</p>
      ) : (
        <SelectField label={t('keypairs.instance')} value={instance} onChange={setInstance} options={instances} hint={kind === 'attach' ? t('keypairs.attachHint') : undefined} />
      )}
    </FormDialog>
  )
}
