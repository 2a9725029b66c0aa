// Administration → Users: every account (DescribeUsers: the search box matches email or user name,
// the status filter, paging), and what an administrator does to them: VerifyUsers (the mail never
// came), BanUsers (asks first: the user's sessions and keys answer 1662 from the next request) and
// UnbanUsers, SetUserRole, ResetUserPassword (ends the user's sessions), and CreateInvite for
// invite-only registration (the code is shown this once).
import { useState } from 'react'
import { call } from '../../api/client.ts'
import { useSession } from '../../api/session.tsx'
import type { AdminUser, DescribeReply } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { Modal } from '../../components/Modal.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { useT } from '../../i18n/index.ts'
import { CopyButton, when } from '../money/format.tsx'

const fetchUsers = (q: ListQuery) => call<DescribeReply<'user_set', AdminUser>>('admin', 'DescribeUsers', { ...q }).then((r) => ({ items: r.user_set, total: r.total_count }))

type Dialog = { kind: 'role' | 'password'; user: AdminUser } | { kind: 'invite' } | { kind: 'code'; code: string; expires: string }

export function UsersPage() {
  const t = useT()
  const { me } = useSession()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = () => setReloadKey((n) => n + 1)
  const close = () => setDialog(null)
  const columns: Column<AdminUser>[] = [
    { label: t('admin.userId'), render: (u) => <code>{u.user_id}</code> },
    { label: t('admin.email'), render: (u) => u.email },
    { label: t('admin.userName'), render: (u) => u.user_name || t('common.none') },
    { label: t('admin.role'), render: (u) => (u.role === 'admin' ? t('common.roleAdmin') : t('common.roleUser')) },
    { label: t('admin.status'), render: (u) => <StatusBadge status={u.status} /> },
    { label: t('admin.lockedUntil'), render: (u) => when(t, u.locked_until) },
    { label: t('admin.created'), render: (u) => when(t, u.create_time) },
  ]
  const ids = (users: AdminUser[]) => users.map((u) => u.user_id)
  return (
    <section>
      <h1>{t('admin.users')}</h1>
      <ResourceList
        label={t('admin.users')}
        fetch={fetchUsers}
        rowId={(u) => u.user_id}
        columns={columns}
        statuses={['active', 'unverified', 'banned']}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => (
          <>
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'invite' })}>
              {t('admin.createInvite')}
            </button>
            <ActionButton label={t('admin.verify')} disabled={!selected.some((u) => u.status === 'unverified' || !u.verify_time)} run={() => call('admin', 'VerifyUsers', { users: ids(selected) })} onDone={reloadList} />
            <ActionButton
              label={t('admin.ban')}
              danger
              disabled={selected.length === 0 || selected.some((u) => u.user_id === me?.user_id)}
              confirm={t('admin.confirmBan', { users: selected.map((u) => u.email).join(', ') })}
              run={() => call('admin', 'BanUsers', { users: ids(selected) })}
              onDone={reloadList}
            />
            <ActionButton label={t('admin.unban')} disabled={!selected.some((u) => u.status === 'banned')} run={() => call('admin', 'UnbanUsers', { users: ids(selected) })} onDone={reloadList} />
            <button type="button" disabled={selected.length !== 1} onClick={() => selected[0] && setDialog({ kind: 'role', user: selected[0] })}>
              {t('admin.setRole')}
            </button>
            <button type="button" disabled={selected.length !== 1} onClick={() => selected[0] && setDialog({ kind: 'password', user: selected[0] })}>
              {t('admin.resetPassword')}
            </button>
          </>
        )}
      />
      {dialog?.kind === 'role' && <RoleDialog user={dialog.user} onClose={close} onDone={reload} />}
      {dialog?.kind === 'password' && <PasswordDialog user={dialog.user} onClose={close} />}
      {dialog?.kind === 'invite' && <InviteDialog onClose={close} onCreated={(code, expires) => setDialog({ kind: 'code', code, expires })} />}
      {dialog?.kind === 'code' && (
        <Modal title={t('admin.inviteCreated')} onClose={close} wide>
          <p className="notice notice-warning">{t('admin.inviteOnce', { expires: when(t, dialog.expires) })}</p>
          <div className="field">
            <label htmlFor="invite-code">{t('admin.inviteCode')}</label>
            <input id="invite-code" className="mono" readOnly value={dialog.code} />
          </div>
          <div className="dialog-buttons">
            <CopyButton text={dialog.code} label={t('admin.copyInvite')} />
            <button type="button" className="primary" onClick={close}>
              {t('common.close')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  )
}

function RoleDialog({ user, onClose, onDone }: { user: AdminUser; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [role, setRole] = useState<string>(user.role)
  return (
    <FormDialog
      title={t('admin.setRoleTitle', { user: user.email })}
      submitLabel={t('common.save')}
      onClose={onClose}
      onSubmit={async () => {
        await call('admin', 'SetUserRole', { user: user.user_id, role })
        onDone()
      }}
    >
      <SelectField
        label={t('admin.role')}
        value={role}
        onChange={setRole}
        options={[
          { value: 'user', label: t('common.roleUser') },
          { value: 'admin', label: t('common.roleAdmin') },
        ]}
      />
    </FormDialog>
  )
}

function PasswordDialog({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const t = useT()
  const [password, setPassword] = useState('')
  return (
    <FormDialog
      title={t('admin.resetPasswordTitle', { user: user.email })}
      submitLabel={t('admin.resetPassword')}
      onClose={onClose}
      onSubmit={async () => {
        await call('admin', 'ResetUserPassword', { user: user.user_id, new_password: password })
      }}
    >
      <p>{t('admin.resetPasswordHint')}</p>
      <TextField label={t('admin.newPassword')} type="password" value={password} onChange={setPassword} autoComplete="new-password" required />
    </FormDialog>
  )
}

function InviteDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (code: string, expires: string) => void }) {
  const t = useT()
  const [hours, setHours] = useState('')
  return (
    <FormDialog
      title={t('admin.createInvite')}
      submitLabel={t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ invite_code: string; expires_at: string }>('admin', 'CreateInvite', { expires_in_hours: hours.trim() === '' ? undefined : hours.trim() })
        // after FormDialog closes this one, the code dialog opens
        window.setTimeout(() => onCreated(reply.invite_code, reply.expires_at))
      }}
    >
      <TextField label={t('admin.inviteHours')} type="number" value={hours} onChange={setHours} hint={t('admin.inviteHoursHint')} />
    </FormDialog>
  )
}
