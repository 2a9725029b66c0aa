// Images: the system images and the caller's own (provider filter), with modify, delete and export
// for the caller's images, and import from a URL or a file an operator put in the warehouse's
// imports/ directory (both need the warehouse on: 5500 otherwise, shown as the API says it).
// Capturing an instance into an image is on the instance's page.
import { useState } from 'react'
import { call, optional } from '../../api/client.ts'
import type { DescribeReply, Image } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { useJobs } from '../../components/JobProgress.tsx'
import { Modal } from '../../components/Modal.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { useT } from '../../i18n/index.ts'

export function ImagesPage() {
  const t = useT()
  const [provider, setProvider] = useState<'' | 'system' | 'self'>('')
  const [editing, setEditing] = useState<Image | null>(null)
  const [importing, setImporting] = useState(false)
  const [exported, setExported] = useState<{ image_id: string; export_file: string; file_size: number } | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = () => setReloadKey((n) => n + 1)

  const fetchImages = (q: ListQuery) => call<DescribeReply<'image_set', Image>>('iaas', 'DescribeImages', { ...q, verbose: 1, provider: provider || undefined }).then((r) => ({ items: r.image_set, total: r.total_count }))

  const columns: Column<Image>[] = [
    { label: t('images.id'), render: (i) => <code>{i.image_id}</code> },
    { label: t('images.name'), render: (i) => i.image_name || t('common.none') },
    { label: t('images.status'), render: (i) => <StatusBadge status={i.status} transition={i.transition_status} /> },
    { label: t('images.platform'), render: (i) => `${i.os_family} · ${i.platform} · ${i.processor_type}` },
    { label: t('images.size'), render: (i) => `${i.size} GB` },
    { label: t('images.provider'), render: (i) => (i.provider === 'self' ? t('images.providerSelf') : t('images.providerSystem')) },
    { label: t('images.created'), render: (i) => new Date(i.create_time).toLocaleString(t.lang === 'zh' ? 'zh-CN' : 'en') },
  ]

  return (
    <section>
      <h1>{t('images.title')}</h1>
      <SelectField
        label={t('images.provider')}
        value={provider}
        onChange={(v) => {
          setProvider(v === 'system' || v === 'self' ? v : '')
          reload()
        }}
        options={[
          { value: '', label: t('images.providerAll') },
          { value: 'system', label: t('images.providerSystem') },
          { value: 'self', label: t('images.providerSelf') },
        ]}
      />
      <ResourceList
        label={t('images.title')}
        fetch={fetchImages}
        rowId={(i) => i.image_id}
        columns={columns}
        statuses={['pending', 'available', 'deprecated', 'suspended', 'deleted', 'ceased']}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => {
          const mine = selected.length > 0 && selected.every((i) => i.provider === 'self')
          return (
            <>
              <button type="button" className="primary" onClick={() => setImporting(true)}>
                {t('images.import')}
              </button>
              <button type="button" disabled={selected.length !== 1 || selected[0]?.provider !== 'self'} onClick={() => selected[0] && setEditing(selected[0])}>
                {t('common.modify')}
              </button>
              <ActionButton
                label={t('images.export')}
                disabled={selected.length !== 1 || selected[0]?.provider !== 'self' || selected[0]?.status !== 'available'}
                run={async () => {
                  const reply = await call<{ image_id: string; export_file: string; file_size: number }>('iaas', 'ExportImage', { image: selected[0]?.image_id })
                  setExported(reply)
                  return reply
                }}
              />
              <ActionButton
                label={t('common.delete')}
                danger
                disabled={!mine}
                confirm={t('images.confirmDelete', { ids: selected.map((i) => i.image_id).join(', ') })}
                run={() => call('iaas', 'DeleteImages', { images: selected.map((i) => i.image_id) })}
                onDone={reloadList}
              />
            </>
          )
        }}
      />
      <p className="field-hint">{t('images.captureHint')}</p>
      {editing && <ModifyImageDialog image={editing} onClose={() => setEditing(null)} onDone={reload} />}
      {importing && <ImportImageDialog onClose={() => setImporting(false)} onDone={reload} />}
      {exported && (
        <Modal title={t('images.exportedTitle', { id: exported.image_id })} onClose={() => setExported(null)}>
          <p>{t('images.exported', { file: exported.export_file, mb: (exported.file_size / 1048576).toFixed(1) })}</p>
          <div className="dialog-buttons">
            <button type="button" className="primary" onClick={() => setExported(null)}>
              {t('common.close')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  )
}

function ModifyImageDialog({ image, onClose, onDone }: { image: Image; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(image.image_name)
  const [description, setDescription] = useState(image.description ?? '')
  return (
    <FormDialog
      title={t('images.modifyTitle', { id: image.image_id })}
      submitLabel={t('common.save')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'ModifyImageAttributes', { image: image.image_id, image_name: name, description })
        onDone()
      }}
    >
      <TextField label={t('images.name')} value={name} onChange={setName} />
      <TextField label={t('images.description')} value={description} onChange={setDescription} multiline />
    </FormDialog>
  )
}

function ImportImageDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const t = useT()
  const { track } = useJobs()
  const [source, setSource] = useState<'url' | 'file'>('url')
  const [location, setLocation] = useState('')
  const [name, setName] = useState('')
  const [platform, setPlatform] = useState('linux')
  const [osFamily, setOsFamily] = useState('')
  const [size, setSize] = useState('')
  return (
    <FormDialog
      title={t('images.importTitle')}
      submitLabel={t('images.import')}
      onClose={onClose}
      onSubmit={async () => {
        const reply = await call<{ image_id: string; job_id: string }>('iaas', 'ImportImage', {
          url: source === 'url' ? location.trim() : undefined,
          file: source === 'file' ? location.trim() : undefined,
          image_name: optional(name),
          platform,
          os_family: optional(osFamily),
          size: size.trim() === '' ? undefined : Number(size),
        })
        track(reply.job_id, onDone)
        onDone()
      }}
    >
      <SelectField
        label={t('images.source')}
        value={source}
        onChange={(v) => setSource(v === 'file' ? 'file' : 'url')}
        options={[
          { value: 'url', label: t('images.sourceUrl') },
          { value: 'file', label: t('images.sourceFile') },
        ]}
      />
      <TextField label={source === 'url' ? t('images.url') : t('images.file')} value={location} onChange={setLocation} required hint={source === 'url' ? t('images.urlHint') : t('images.fileHint')} />
      <TextField label={t('images.name')} value={name} onChange={setName} />
      <SelectField
        label={t('images.platformField')}
        value={platform}
        onChange={setPlatform}
        options={[
          { value: 'linux', label: 'Linux' },
          { value: 'windows', label: 'Windows' },
        ]}
      />
      <TextField label={t('images.osFamily')} value={osFamily} onChange={setOsFamily} placeholder="ubuntu" />
      <TextField label={t('images.sizeGb')} type="number" value={size} onChange={setSize} hint={t('images.sizeHint')} />
    </FormDialog>
  )
}
