// Small pieces the load-balancer and AppCenter pages share: a hook that loads one reply (options of a
// select, a resource's details) and re-reads it on demand, a labelled group of checkboxes for
// choosing several ids, and the load balancer types with their connection limits.
import { useCallback, useEffect, useRef, useState } from 'react'
import { useSession } from '../../api/session.tsx'

/** Loads `load()` now, when the zone changes and on reload(); `every` ms re-reads while `busy(data)` says so. */
export function useLoaded<T>(load: () => Promise<T>, busy?: (data: T) => boolean, every = 2000) {
  const { zone } = useSession()
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [tick, setTick] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load
  // biome-ignore lint/correctness/useExhaustiveDependencies: zone and tick are triggers
  useEffect(() => {
    let stopped = false
    loadRef
      .current()
      .then((next) => {
        if (stopped) return
        setData(next)
        setError(null)
      })
      .catch((failure) => {
        if (!stopped) setError(failure)
      })
    return () => {
      stopped = true
    }
  }, [zone, tick])
  const reload = useCallback(() => setTick((n) => n + 1), [])
  const changing = data !== null && busy ? busy(data) : false
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new reply schedules the next re-read
  useEffect(() => {
    if (!changing) return
    const timer = window.setTimeout(reload, every)
    return () => window.clearTimeout(timer)
  }, [changing, data, reload, every])
  return { data, error, reload }
}

/** A fieldset of checkboxes, one per option; its legend labels the group. */
export function CheckboxGroup({ legend, options, value, onChange, empty }: { legend: string; options: Array<{ value: string; label: string }>; value: string[]; onChange: (value: string[]) => void; empty: string }) {
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {options.length === 0 && <p className="field-hint">{empty}</p>}
      {options.map((o) => (
        <label key={o.value} className="field-checkbox">
          <input type="checkbox" checked={value.includes(o.value)} onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))} /> {o.label}
        </label>
      ))}
    </fieldset>
  )
}

/** loadbalancer_type 0–5 and the concurrent connections each allows. */
export const LB_TYPES = [5000, 20000, 40000, 100000, 200000, 500000]

/** A whole number from a text field, or undefined when it is empty (the server then says what is wrong with anything else). */
export function intOrUndefined(text: string): number | undefined {
  const trimmed = text.trim()
  return trimmed === '' ? undefined : Number(trimmed)
}

export const timeText = (time: string, lang: string) => (time ? new Date(time).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en') : '')
