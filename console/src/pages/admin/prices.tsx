// Administration → Prices: the current zone's price list (DescribePrices; the search box narrows it
// by type or item, as the list is short and unpaged), SetPrices to add or change one item (yuan
// per hour of the item's unit; new resources use it, existing leases keep their contract) and
// DeletePrices for the selected items (asks first: resources needing them can no longer be created).
import { useState } from 'react'
import { call } from '../../api/client.ts'
import { useSession } from '../../api/session.tsx'
import type { Price } from '../../api/types.ts'
import { ActionButton } from '../../components/ActionButton.tsx'
import { FormDialog, SelectField, TextField } from '../../components/FormDialog.tsx'
import { type Column, type ListQuery, ResourceList } from '../../components/ResourceList.tsx'
import { useT } from '../../i18n/index.ts'
import { when, yuan } from '../money/format.tsx'

// the leased kinds (BILLABLE_TYPES on the server); the server names the items each accepts
const PRICED_TYPES = ['instance', 'volume', 'eip', 'snapshot', 'router', 'loadbalancer']

export function PricesPage() {
  const t = useT()
  const { zone } = useSession()
  const [editing, setEditing] = useState<Price | 'new' | null>(null)
  const [reloadKey, setReloadKey] = useState(0)
  const fetchPrices = async (q: ListQuery) => {
    const reply = await call<{ price_set: Price[] }>('admin', 'DescribePrices', { zones: [zone] })
    const word = (q.search_word ?? '').toLowerCase()
    const items = reply.price_set.filter((p) => word === '' || p.resource_type.includes(word) || p.item.toLowerCase().includes(word))
    return { items: items.slice(q.offset, q.offset + q.limit), total: items.length }
  }
  const columns: Column<Price>[] = [
    { label: t('admin.priceType'), render: (p) => t.maybe(`money.type.${p.resource_type}`) ?? p.resource_type },
    { label: t('admin.priceItem'), render: (p) => <code>{p.item}</code> },
    { label: t('admin.price'), render: (p) => t('admin.pricePer', { price: yuan(p.price), unit: p.unit }) },
    { label: t('admin.updated'), render: (p) => when(t, p.update_time) },
  ]
  const key = (p: Price) => ({ resource_type: p.resource_type, item: p.item })
  return (
    <section>
      <h1>{t('admin.prices')}</h1>
      <p className="muted">{t('admin.pricesIntro', { zone })}</p>
      <ResourceList
        label={t('admin.prices')}
        fetch={fetchPrices}
        rowId={(p) => `${p.resource_type}/${p.item}`}
        columns={columns}
        reloadKey={reloadKey}
        toolbar={({ selected, reload }) => (
          <>
            <button type="button" className="primary" onClick={() => setEditing('new')}>
              {t('admin.setPrice')}
            </button>
            <button type="button" disabled={selected.length !== 1} onClick={() => selected[0] && setEditing(selected[0])}>
              {t('admin.changePrice')}
            </button>
            <ActionButton
              label={t('common.delete')}
              danger
              disabled={selected.length === 0}
              confirm={t('admin.confirmDeletePrices', { items: selected.map((p) => `${p.resource_type}/${p.item}`).join(', '), zone })}
              run={() => call('admin', 'DeletePrices', { zone, prices: selected.map(key) })}
              onDone={reload}
            />
          </>
        )}
      />
      {editing && <PriceDialog price={editing === 'new' ? null : editing} zone={zone} onClose={() => setEditing(null)} onDone={() => setReloadKey((n) => n + 1)} />}
    </section>
  )
}

function PriceDialog({ price, zone, onClose, onDone }: { price: Price | null; zone: string; onClose: () => void; onDone: () => void }) {
  const t = useT()
  const [type, setType] = useState(price?.resource_type ?? 'instance')
  const [item, setItem] = useState(price?.item ?? '')
  const [amount, setAmount] = useState(price?.price ?? '')
  return (
    <FormDialog
      title={t('admin.setPriceTitle', { zone })}
      submitLabel={t('common.save')}
      onClose={onClose}
      onSubmit={async () => {
        await call('admin', 'SetPrices', { zone, prices: [{ resource_type: type, item: item.trim(), price: amount.trim() }] })
        onDone()
      }}
    >
      <SelectField label={t('admin.priceType')} value={type} onChange={setType} options={PRICED_TYPES.map((p) => ({ value: p, label: t.maybe(`money.type.${p}`) ?? p }))} />
      <TextField label={t('admin.priceItem')} value={item} onChange={setItem} required hint={t('admin.priceItemHint')} />
      <TextField label={t('admin.priceAmount')} value={amount} onChange={setAmount} required hint={t('admin.priceAmountHint')} />
    </FormDialog>
  )
}
