// Images: the system images and the caller's own (provider filter), with modify and delete for
// the caller's images. Capturing an instance into an image is on the instance's page.
import { useState } from 'react'
import { call } from '../../api/client.ts'
import type { DescribeReply, Image } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { StatusBadge } from '../../components/StatusBadge.tsx'
import { useT } from '../../i18n/index.ts'

export function ImagesPage() {
  const t = useT()
  const [provider, setProvider] = useState<'' | 'system' | 'self'>('')
  const [editing, setEditing] = useState<Image | null>(null)
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
              <button type="button" disabled={selected.length !== 1 || selected[0]?.provider !== 'self'} onClick={() => selected[0] && setEditing(selected[0])}>
                {t('common.modify')}
              </button>
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
