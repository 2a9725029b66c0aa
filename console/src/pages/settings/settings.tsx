// Account settings, for every signed-in user: change the password (ChangePassword: proves the
// current one; every other session ends) and the user's access keys for the signed API
// (module /account/: CreateAccessKey shows the secret this once with a copy button — it is stored
// sealed and never shown again —, DescribeAccessKeys, Disable/Enable/DeleteAccessKeys).
import { useRef, useState } from 'react'
import { call, optional } from '../../api/client.ts'
import type { AccessKey, DescribeReply } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { FormDialog, TextField } from '../../components/FormDialog.tsx'
import { Modal } from '../../components/Modal.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { SubmitButton, useSubmit } from '../../components/SubmitForm.tsx'
import { useT } from '../../i18n/index.ts'
import { CopyButton, when } from '../money/format.tsx'

const fetchKeys = (q: ListQuery) => call<DescribeReply<'access_key_set', AccessKey>>('account', 'DescribeAccessKeys', { ...q }).then((r) => ({ items: r.access_key_set, total: r.total_count }))

export function SettingsPage() {
  const t = useT()
  return (
    <section>
      <h1>{t('settings.title')}</h1>
      <PasswordForm />
      <AccessKeys />
    </section>
  )
}

function PasswordForm() {
  const t = useT()
  const [old, setOld] = useState('')
  const [next, setNext] = useState('')
  const [repeat, setRepeat] = useState('')
  const { busy, error, done, submit } = useSubmit(async () => {
    // checked here: the API sees one new password
    if (next !== repeat) throw new Error(t('settings.passwordsDiffer'))
    await call('account', 'ChangePassword', { old_password: old, new_password: next })
    setOld('')
    setNext('')
    setRepeat('')
  })
  return (
    <form className="card" onSubmit={submit}>
      <h2>{t('settings.password')}</h2>
      <TextField label={t('settings.oldPassword')} type="password" value={old} onChange={setOld} autoComplete="current-password" required />
      <TextField label={t('settings.newPassword')} type="password" value={next} onChange={setNext} autoComplete="new-password" required hint={t('settings.newPasswordHint')} />
      <TextField label={t('settings.repeatPassword')} type="password" value={repeat} onChange={setRepeat} autoComplete="new-password" required />
      <ErrorNotice error={error} />
      {done && (
        <p className="notice" role="status">
          {t('settings.passwordChanged')}
        </p>
      )}
      <SubmitButton busy={busy} label={t('settings.changePassword')} />
    </form>
  )
}

interface Created {
  access_key_id: string
  secret_access_key: string
}

function AccessKeys() {
  const t = useT()
  const [creating, setCreating] = useState(false)
  const [created, setCreated] = useState<Created | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = () => setReloadKey((n) => n + 1)
  const columns: Column<AccessKey>[] = [
    { label: t('settings.keyId'), render: (k) => <code>{k.access_key_id}</code> },
    { label: t('settings.keyName'), render: (k) => k.access_key_name || t('common.none') },
    { label: t('settings.keyStatus'), render: (k) => <StatusBadge status={k.status} /> },
    { label: t('settings.keyDescription'), render: (k) => k.description || t('common.none') },
    { label: t('settings.keyCreated'), render: (k) => when(t, k.create_time) },
  ]
  const ids = (keys: AccessKey[]) => keys.map((k) => k.access_key_id)
  return (
    <div className="card">
      <h2>{t('settings.accessKeys')}</h2>
      <p className="muted">{t('settings.accessKeysIntro')}</p>
      <ResourceList
        label={t('settings.accessKeys')}
        fetch={fetchKeys}
        rowId={(k) => k.access_key_id}
        columns={columns}
        statuses={['active', 'disabled']}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => (
          <>
            <button type="button" className="primary" onClick={() => setCreating(true)}>
              {t('settings.createKey')}
            </button>
            <ActionButton label={t('settings.disableKeys')} disabled={!selected.some((k) => k.status === 'active')} run={() => call('account', 'DisableAccessKeys', { access_keys: ids(selected) })} onDone={reloadList} />
            <ActionButton label={t('settings.enableKeys')} disabled={!selected.some((k) => k.status !== 'active')} run={() => call('account', 'EnableAccessKeys', { access_keys: ids(selected) })} onDone={reloadList} />
            <ActionButton
              label={t('common.delete')}
              danger
              disabled={selected.length === 0}
              confirm={t('settings.confirmDeleteKeys', { ids: ids(selected).join(', ') })}
              run={() => call('account', 'DeleteAccessKeys', { access_keys: ids(selected) })}
              onDone={reloadList}
            />
          </>
        )}
      />
      {creating && (
        <CreateKeyDialog
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            reload()
            setCreated(key)
          }}
        />
      )}
      {created && <SecretDialog created={created} onClose={() => setCreated(null)} />}
    </div>
  )
}

function CreateKeyDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (key: Created) => void }) {
  const t = useT()
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const created = useRef<Created | null>(null)
  return (
    <FormDialog
      title={t('settings.createKey')}
      submitLabel={t('common.create')}
      onClose={() => {
        onClose()
        if (created.current) onCreated(created.current)
      }}
      onSubmit={async () => {
        created.current = await call<Created>('account', 'CreateAccessKey', { access_key_name: name, description: optional(description) })
      }}
    >
      <TextField label={t('settings.keyName')} value={name} onChange={setName} required />
      <TextField label={t('settings.keyDescription')} value={description} onChange={setDescription} multiline />
    </FormDialog>
  )
}

/** The secret, shown this once. */
function SecretDialog({ created, onClose }: { created: Created; onClose: () => void }) {
  const t = useT()
  return (
    <Modal title={t('settings.secretTitle', { id: created.access_key_id })} onClose={onClose} wide>
      <p className="notice notice-warning">{t('settings.secretOnce')}</p>
      <div className="field">
        <label htmlFor="access-key-id">{t('settings.keyId')}</label>
        <input id="access-key-id" className="mono" readOnly value={created.access_key_id} />
      </div>
      <div className="field">
        <label htmlFor="access-key-secret">{t('settings.secret')}</label>
        <input id="access-key-secret" className="mono" readOnly value={created.secret_access_key} />
      </div>
      <div className="dialog-buttons">
        <CopyButton text={created.secret_access_key} label={t('settings.copySecret')} />
        <button type="button" className="primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  )
}
