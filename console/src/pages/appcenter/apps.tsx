// AppCenter apps: the catalogue (DescribeApps) and, per app, its versions (DescribeAppVersions)
// with a deploy dialog: DeployAppVersion from a configuration file — pasted or edited in a
// textarea (filled with a sample from the version's template) or read from a chosen file. The
// server checks the file: 8000–8004 come back with their code and message.
import { useEffect, useState } from 'react'
import { useLocation } from 'wouter'
import { call } from '../../api/client.ts'
import type { App, AppVersion, DescribeReply } from '../../api/types.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { Field, FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { useJobs } from '../../components/JobProgress.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { useT } from '../../i18n/index.ts'
import { useLoaded } from '../loadbalancers/shared.tsx'

const fetchApps = (q: ListQuery) => call<DescribeReply<'app_set', App>>('iaas', 'DescribeApps', { offset: q.offset, limit: q.limit, search_word: q.search_word }).then((r) => ({ items: r.app_set, total: r.total_count }))

/** A configuration file to start from: every role at its default count and first shape, env at its defaults. */
export function sampleConf(version: AppVersion): string {
  const cluster: Record<string, unknown> = { name: '', description: '', vxnet: 'vxnet-0' }
  for (const role of version.template?.roles ?? []) {
    const shape = role.shapes[0]
    cluster[role.role] = { count: role.count.default, ...(shape && { cpu: shape.cpu, memory: shape.memory }), ...(role.volume_size && { volume_size: role.volume_size.default }) }
  }
  const env = Object.fromEntries((version.template?.env ?? []).filter((e) => e.default !== undefined).map((e) => [e.key, e.default]))
  return JSON.stringify({ cluster, version: version.version_id, env }, null, 2)
}

export function AppsPage() {
  const t = useT()
  const [deploying, setDeploying] = useState<App | null>(null)
  const columns: Column<App>[] = [
    { label: t('clusters.appId'), render: (a) => <code>{a.app_id}</code> },
    { label: t('clusters.appName'), render: (a) => a.app_name },
    { label: t('clusters.category'), render: (a) => a.category },
    { label: t('clusters.appDescription'), render: (a) => a.description || a.abstraction || t('common.none') },
    {
      label: t('clusters.actions'),
      render: (a) => (
        <button type="button" onClick={() => setDeploying(a)} aria-label={t('clusters.deployApp', { name: a.app_name })}>
          {t('clusters.deploy')}
        </button>
      ),
    },
  ]
  return (
    <section>
      <h1>{t('clusters.appsTitle')}</h1>
      <ResourceList label={t('clusters.appsTitle')} fetch={fetchApps} rowId={(a) => a.app_id} columns={columns} />
      {deploying && <DeployDialog app={deploying} onClose={() => setDeploying(null)} />}
    </section>
  )
}

/** Deploys a version of `app` (or of any app, chosen in the dialog, when app is absent). */
export function DeployDialog({ app, onClose, onDone }: { app?: App; onClose: () => void; onDone?: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [, navigate] = useLocation()
  const [appId, setAppId] = useState(app?.app_id ?? '')
  const [versionId, setVersionId] = useState('')
  const [conf, setConf] = useState('')
  const [fileError, setFileError] = useState<unknown>(null)
  const apps = useLoaded(() => (app ? Promise.resolve([app]) : call<DescribeReply<'app_set', App>>('iaas', 'DescribeApps', { limit: 100 }).then((r) => r.app_set)))
  useEffect(() => {
    if (!appId && apps.data?.[0]) setAppId(apps.data[0].app_id)
  }, [apps.data, appId])
  const [versions, setVersions] = useState<AppVersion[] | null>(null)
  const [versionsError, setVersionsError] = useState<unknown>(null)
  useEffect(() => {
    if (!appId) return
    setVersions(null)
    call<DescribeReply<'version_set', AppVersion>>('iaas', 'DescribeAppVersions', { app_ids: [appId], verbose: 1, limit: 100 })
      .then((r) => {
        setVersions(r.version_set)
        const first = r.version_set[0]
        setVersionId(first?.version_id ?? '')
        setConf(first ? sampleConf(first) : '')
      })
      .catch(setVersionsError)
  }, [appId])
  const chooseVersion = (id: string) => {
    setVersionId(id)
    const v = versions?.find((x) => x.version_id === id)
    if (v) setConf(sampleConf(v))
  }
  const version = versions?.find((v) => v.version_id === versionId)
  return (
    <FormDialog
      title={app ? t('clusters.deployApp', { name: app.app_name }) : t('clusters.deployTitle')}
      submitLabel={t('clusters.deploy')}
      wide
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ cluster_id: string; job_id: string }>('iaas', 'DeployAppVersion', { version_id: versionId, app_id: appId || undefined, conf: conf.trim() === '' ? undefined : conf })
        track(reply.job_id, onDone)
        onDone?.()
        navigate(`/clusters/${reply.cluster_id}`)
      }}
    >
      <ErrorNotice error={apps.error ?? versionsError} />
      {!app && <SelectField label={t('clusters.app')} value={appId} onChange={setAppId} options={(apps.data ?? []).map((a) => ({ value: a.app_id, label: a.app_name }))} />}
      {versions === null ? (
        <p>{t('common.loading')}</p>
      ) : (
        <SelectField label={t('clusters.version')} value={versionId} onChange={chooseVersion} options={versions.map((v) => ({ value: v.version_id, label: `${v.name} (${v.version_id})` }))} />
      )}
      {version?.description && <p className="field-hint">{version.description}</p>}
      {version?.template && (
        <p className="field-hint">
          {t('clusters.rolesHint', {
            roles: version.template.roles.map((r) => `${r.role} ${r.count.min}–${r.count.max} (${r.shapes.map((s) => `${s.cpu}C/${s.memory}MB`).join(', ')})`).join('; '),
          })}
        </p>
      )}
      <Field label={t('clusters.confFile')} hint={t('clusters.confFileHint')}>
        {(id, hintId) => (
          <input
            id={id}
            aria-describedby={hintId}
            type="file"
            accept=".json,application/json,text/plain"
            onChange={(e) => {
              const file = e.target.files?.[0]
              setFileError(null)
              if (file) file.text().then(setConf, setFileError)
            }}
          />
        )}
      </Field>
      <ErrorNotice error={fileError} />
      <TextField label={t('clusters.conf')} value={conf} onChange={setConf} multiline hint={t('clusters.confHint')} />
    </FormDialog>
  )
}
