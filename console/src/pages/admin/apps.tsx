// Administration → Apps: the AppCenter catalogue (DescribeApps) with CreateApp (name, category,
// description, summary) and, per app, CreateAppVersion (a name and the configuration template as
// JSON, prefilled with a one-role example). The server checks the template and answers 1100
// naming the first field in error; the dialog shows that code and message.
import { useState } from 'react'
import { call, optional } from '../../api/client.ts'
import type { App, DescribeReply } from '../../api/types.ts'
import { FormDialog, TextField } from '../../components/FormDialog.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { useT } from '../../i18n/index.ts'
import { when } from '../money/format.tsx'

const fetchApps = (q: ListQuery) => call<DescribeReply<'app_set', App>>('iaas', 'DescribeApps', { offset: q.offset, limit: q.limit, search_word: q.search_word }).then((r) => ({ items: r.app_set, total: r.total_count }))

/** A small valid template to edit: one role, two shapes, one parameter. */
const EXAMPLE_TEMPLATE = JSON.stringify(
  {
    roles: [
      {
        role: 'node',
        description: 'one server',
        shapes: [
          { cpu: 1, memory: 1024 },
          { cpu: 2, memory: 2048 },
        ],
        count: { min: 1, max: 5, default: 1 },
        volume_size: { min: 10, max: 100, default: 10 },
      },
    ],
    env: [{ key: 'port', type: 'integer', min: 1024, max: 65535, default: 8080, required: false }],
  },
  null,
  2,
)

export function AdminAppsPage() {
  const t = useT()
  const [creating, setCreating] = useState(false)
  const [versionFor, setVersionFor] = useState<App | null>(null)
  const [notice, setNotice] = useState('')
  const [reloadKey, setReloadKey] = useState(0)
  const columns: Column<App>[] = [
    { label: t('adminapps.appId'), render: (a) => <code>{a.app_id}</code> },
    { label: t('adminapps.name'), render: (a) => a.app_name },
    { label: t('adminapps.category'), render: (a) => a.category },
    { label: t('adminapps.status'), render: (a) => <StatusBadge status={a.status} /> },
    { label: t('adminapps.description'), render: (a) => a.description || a.abstraction || t('common.none') },
    { label: t('adminapps.created'), render: (a) => when(t, a.create_time) },
    {
      label: t('adminapps.actions'),
      render: (a) => (
        <button type="button" onClick={() => setVersionFor(a)} aria-label={t('adminapps.addVersionFor', { name: a.app_name })}>
          {t('adminapps.addVersion')}
        </button>
      ),
    },
  ]
  return (
    <section>
      <h1>{t('adminapps.title')}</h1>
      <p className="muted">{t('adminapps.intro')}</p>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ResourceList
        label={t('adminapps.title')}
        fetch={fetchApps}
        rowId={(a) => a.app_id}
        columns={columns}
        reloadKey={reloadKey}
        toolbar={() => (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            {t('adminapps.create')}
          </button>
        )}
      />
      {creating && (
        <CreateAppDialog
          onClose={() => setCreating(false)}
          onDone={(id) => {
            setNotice(t('adminapps.created.notice', { id }))
            setReloadKey((n) => n + 1)
          }}
        />
      )}
      {versionFor && <CreateVersionDialog app={versionFor} onClose={() => setVersionFor(null)} onDone={setNotice} />}
    </section>
  )
}

function CreateAppDialog({ onClose, onDone }: { onClose: () => void; onDone: (appId: string) => void }) {
  const t = useT()
  const [name, setName] = useState('')
  const [category, setCategory] = useState('')
  const [description, setDescription] = useState('')
  const [abstraction, setAbstraction] = useState('')
  return (
    <FormDialog
      title={t('adminapps.create')}
      submitLabel={t('adminapps.create')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ app_id: string }>('admin', 'CreateApp', { app_name: name.trim(), category: optional(category), description: optional(description), abstraction: optional(abstraction) })
        onDone(reply.app_id)
      }}
    >
      <TextField label={t('adminapps.name')} value={name} onChange={setName} required />
      <TextField label={t('adminapps.category')} value={category} onChange={setCategory} placeholder="database" />
      <TextField label={t('adminapps.abstraction')} value={abstraction} onChange={setAbstraction} />
      <TextField label={t('adminapps.description')} value={description} onChange={setDescription} multiline />
    </FormDialog>
  )
}

function CreateVersionDialog({ app, onClose, onDone }: { app: App; onClose: () => void; onDone: (text: string) => void }) {
  const t = useT()
  const [name, setName] = useState('')
  const [description, setDescription] = useState('')
  const [template, setTemplate] = useState(EXAMPLE_TEMPLATE)
  return (
    <FormDialog
      title={t('adminapps.addVersionFor', { name: app.app_name })}
      submitLabel={t('adminapps.addVersion')}
      onClose={onClose}
      wide
      onSubmit={async () => {
        const reply = await call<{ version_id: string; app_id: string }>('admin', 'CreateAppVersion', { app: app.app_id, name: name.trim(), description: optional(description), template })
        onDone(t('adminapps.versionCreated', { id: reply.version_id, app: reply.app_id }))
      }}
    >
      <TextField label={t('adminapps.versionName')} value={name} onChange={setName} required />
      <TextField label={t('adminapps.description')} value={description} onChange={setDescription} />
      <TextField label={t('adminapps.template')} value={template} onChange={setTemplate} multiline required hint={t('adminapps.templateHint')} />
    </FormDialog>
  )
}
