// Pieces the Network pages share: a property table for detail pages, a hook that loads one
// resource by id (re-read on demand and while it is in transition), the instance picker of the
// join/associate/attach dialogs, and time formatting in the user's language.
import { type ReactNode, useCallback, useEffect, useId, useState } from 'react'
import { call } from '../../api/client.ts'
import { useSession } from '../../api/session.tsx'
import type { DescribeReply, Instance } from '../../api/types.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { type Translate, useT } from '../../i18n/index.ts'

export function formatTime(t: Translate, time: string | null | undefined): string {
  if (!time) return t('common.none')
  return new Date(time).toLocaleString(t.lang === 'zh' ? 'zh-CN' : 'en')
}

/** A detail page's properties as a two-column table (label, value). */
export function Properties({ label, rows }: { label: string; rows: Array<[string, ReactNode]> }) {
  return (
    <div className="table-wrap">
      <table aria-label={label}>
        <tbody>
          {rows.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/**
 * Loads one resource with `load` (undefined = not found); `reload` re-reads it. While the item has
 * a transition_status it is re-read every 2 s, as lists are.
 */
export function useResource<T>(load: () => Promise<T | undefined>, deps: readonly unknown[]) {
  const { zone } = useSession()
  const [item, setItem] = useState<T | null | undefined>(undefined)
  const [error, setError] = useState<unknown>(null)
  const [tick, setTick] = useState(0)
  // biome-ignore lint/correctness/useExhaustiveDependencies: deps name what `load` reads; zone and tick are triggers
  const read = useCallback(load, deps)
  // biome-ignore lint/correctness/useExhaustiveDependencies: zone and tick are triggers (a zone switch or reload re-reads)
  useEffect(() => {
    let live = true
    read()
      .then((found) => {
        if (!live) return
        setItem(found ?? null)
        setError(null)
      })
      .catch((failure: unknown) => live && setError(failure))
    return () => {
      live = false
    }
  }, [read, zone, tick])
  const transition = item && typeof item === 'object' && 'transition_status' in item && typeof item.transition_status === 'string' ? item.transition_status : ''
  useEffect(() => {
    if (transition === '') return
    const timer = window.setTimeout(() => setTick((n) => n + 1), 2000)
    return () => window.clearTimeout(timer)
  }, [transition])
  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { item, error, reload }
}

/** A select of the caller's instances in the given states; calls onChange with the chosen id. */
export function InstanceSelect({ label, value, onChange, statuses, hint, exclude = [] }: { label: string; value: string; onChange: (id: string) => void; statuses: string[]; hint?: string; exclude?: string[] }) {
  const t = useT()
  const id = useId()
  const [options, setOptions] = useState<Array<{ value: string; label: string }> | null>(null)
  const [error, setError] = useState<unknown>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once per dialog
  useEffect(() => {
    call<DescribeReply<'instance_set', Instance>>('iaas', 'DescribeInstances', { status: statuses, limit: 100 })
      .then((r) => {
        const list = r.instance_set.filter((i) => !exclude.includes(i.instance_id)).map((i) => ({ value: i.instance_id, label: i.instance_name ? `${i.instance_name} (${i.instance_id})` : i.instance_id }))
        setOptions(list)
        if (!value && list[0]) onChange(list[0].value)
      })
      .catch(setError)
  }, [])
  if (error) return <ErrorNotice error={error} />
  if (options === null) return <p>{t('common.loading')}</p>
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={hint ? `${id}-hint` : undefined}>
        {options.length === 0 && <option value="">{t('common.none')}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  )
}
