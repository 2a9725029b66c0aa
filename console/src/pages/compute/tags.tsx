// Tags: the caller's tags with how many resources carry each, create / modify / delete, and
// attaching or detaching the selected tags to one resource (any taggable type). With verbose=1
// DescribeTags lists each tag's bindings, which the detach dialog offers.
import { useState } from 'react'
import { call, optional } from '../../api/client.ts'
import type { DescribeReply, Tag } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { useT } from '../../i18n/index.ts'
import './compute.css'

interface TagBinding {
  tag_id: string
  resource_type: string
  resource_id: string
}

interface TagVerbose extends Tag {
  resource_tag_pairs: TagBinding[]
}

const TAGGABLE = ['instance', 'volume', 'image', 'snapshot', 'eip', 'keypair', 'security_group', 'vxnet', 'router', 'nic', 'loadbalancer', 'loadbalancer_policy', 'server_certificate']
const DEFAULT_COLOR = '#9f9bb7'

const fetchTags = (q: ListQuery) => call<DescribeReply<'tag_set', TagVerbose>>('iaas', 'DescribeTags', { ...q, verbose: 1 }).then((r) => ({ items: r.tag_set, total: r.total_count }))

type Dialog = { kind: 'create' } | { kind: 'modify'; tag: TagVerbose } | { kind: 'attach' | 'detach'; tags: TagVerbose[] }

export function TagsPage() {
  const t = useT()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const reload = () => setReloadKey((n) => n + 1)
  const close = () => setDialog(null)

  const columns: Column<TagVerbose>[] = [
    { label: t('tags.id'), render: (g) => <code>{g.tag_id}</code> },
    {
      label: t('tags.name'),
      render: (g) => (
        <span>
          <span className="tag-swatch" style={{ background: g.color }} aria-hidden="true" /> {g.tag_name}
        </span>
      ),
    },
    { label: t('tags.resources'), render: (g) => (g.resource_tag_pairs.length ? g.resource_tag_pairs.map((p) => p.resource_id).join(', ') : t('common.none')) },
    { label: t('tags.description'), render: (g) => g.description || t('common.none') },
    { label: t('tags.created'), render: (g) => new Date(g.create_time).toLocaleString(t.lang === 'zh' ? 'zh-CN' : 'en') },
  ]

  return (
    <section>
      <h1>{t('tags.title')}</h1>
      <ResourceList
        label={t('tags.title')}
        fetch={fetchTags}
        rowId={(g) => g.tag_id}
        columns={columns}
        reloadKey={reloadKey}
        toolbar={({ selected, reload: reloadList }) => (
          <>
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
              {t('tags.create')}
            </button>
            <button type="button" disabled={selected.length !== 1} onClick={() => selected[0] && setDialog({ kind: 'modify', tag: selected[0] })}>
              {t('common.modify')}
            </button>
            <button type="button" disabled={selected.length === 0} onClick={() => setDialog({ kind: 'attach', tags: selected })}>
              {t('tags.attach')}
            </button>
            <button type="button" disabled={!selected.some((g) => g.resource_tag_pairs.length > 0)} onClick={() => setDialog({ kind: 'detach', tags: selected })}>
              {t('tags.detach')}
            </button>
            <ActionButton
              label={t('common.delete')}
              danger
              disabled={selected.length === 0}
              confirm={t('tags.confirmDelete', { ids: selected.map((g) => g.tag_id).join(', ') })}
              run={() => call('iaas', 'DeleteTags', { tags: selected.map((g) => g.tag_id) })}
              onDone={reloadList}
            />
          </>
        )}
      />
      {(dialog?.kind === 'create' || dialog?.kind === 'modify') && <TagDialog tag={dialog.kind === 'modify' ? dialog.tag : null} onClose={close} onDone={reload} />}
      {dialog?.kind === 'attach' && <AttachTagsDialog tags={dialog.tags} onClose={close} onDone={reload} />}
      {dialog?.kind === 'detach' && <DetachTagsDialog tags={dialog.tags} onClose={close} onDone={reload} />}
    </section>
  )
}

function TagDialog({ tag, onClose, onDone }: { tag: TagVerbose | null; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [name, setName] = useState(tag?.tag_name ?? '')
  const [color, setColor] = useState(tag?.color ?? DEFAULT_COLOR)
  const [description, setDescription] = useState(tag?.description ?? '')
  return (
    <FormDialog
      title={tag ? t('tags.modifyTitle', { id: tag.tag_id }) : t('tags.create')}
      submitLabel={tag ? t('common.save') : t('common.create')}
      onClose={onClose}
      onSubmit={async () => {
        if (tag) await call('iaas', 'ModifyTagAttributes', { tag: tag.tag_id, tag_name: name, color, description })
        else await call('iaas', 'CreateTag', { tag_name: name, color, description: optional(description) })
        onDone()
      }}
    >
      <TextField label={t('tags.name')} value={name} onChange={setName} required />
      <div className="field">
        <label htmlFor="tag-color">{t('tags.color')}</label>
        <input id="tag-color" type="color" value={color} onChange={(e) => setColor(e.target.value)} />
      </div>
      <TextField label={t('tags.description')} value={description} onChange={setDescription} multiline />
    </FormDialog>
  )
}

function AttachTagsDialog({ tags, onClose, onDone }: { tags: TagVerbose[]; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [type, setType] = useState('instance')
  const [resource, setResource] = useState('')
  return (
    <FormDialog
      title={t('tags.attachTitle')}
      submitLabel={t('tags.attach')}
      onClose={onClose}
      onSubmit={async () => {
        await call('iaas', 'AttachTags', { resource_tag_pairs: tags.map((g) => ({ tag_id: g.tag_id, resource_type: type, resource_id: resource.trim() })) })
        onDone()
      }}
    >
      <p>{tags.map((g) => g.tag_name).join(', ')}</p>
      <SelectField label={t('tags.resourceType')} value={type} onChange={setType} options={TAGGABLE.map((k) => ({ value: k, label: t.maybe(`tags.type.${k}`) ?? k }))} />
      <TextField label={t('tags.resourceId')} value={resource} onChange={setResource} required placeholder="i-…" />
    </FormDialog>
  )
}

function DetachTagsDialog({ tags, onClose, onDone }: { tags: TagVerbose[]; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const pairs = tags.flatMap((g) => g.resource_tag_pairs)
  const key = (p: TagBinding) => `${p.tag_id}|${p.resource_type}|${p.resource_id}`
  const [chosen, setChosen] = useState(pairs[0] ? key(pairs[0]) : '')
  const nameOf = (id: string) => tags.find((g) => g.tag_id === id)?.tag_name ?? id
  return (
    <FormDialog
      title={t('tags.detachTitle')}
      submitLabel={t('tags.detach')}
      onClose={onClose}
      onSubmit={async () => {
        const pair = pairs.find((p) => key(p) === chosen)
        if (pair) await call('iaas', 'DetachTags', { resource_tag_pairs: [pair] })
        onDone()
      }}
    >
      <SelectField label={t('tags.binding')} value={chosen} onChange={setChosen} options={pairs.map((p) => ({ value: key(p), label: `${nameOf(p.tag_id)} → ${p.resource_id}` }))} />
    </FormDialog>
  )
}
