// The list every resource page is built on: search box (→ search_word), status filter (→ status.N),
// paging (offset/limit, total_count), row selection and a toolbar for actions on the selection.
// While any row has a transition_status it re-reads the page every 2 s in place (no spinner, the
// selection stays). It re-reads when the zone changes and when `reloadKey` changes.
import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react'
import { useSession } from '../api/session.tsx'
import { useT } from '../i18n/index.ts'
import { ErrorNotice } from './ErrorNotice.tsx'

export interface Column<T> {
  /** The column heading (already translated). */
  label: string
  render: (row: T) => ReactNode
}

export interface ListQuery {
  offset: number
  limit: number
  search_word?: string
  status?: string[]
}

export interface ListPage<T> {
  items: T[]
  total: number
}

export interface ToolbarContext<T> {
  selected: T[]
  reload: () => void
}

interface ResourceListProps<T> {
  /** Reads one page: usually `call<…>('iaas', 'DescribeX', { ...q, verbose: 1 }).then((r) => ({ items: r.x_set, total: r.total_count }))`. */
  fetch: (query: ListQuery) => Promise<ListPage<T>>
  rowId: (row: T) => string
  columns: Column<T>[]
  /** Statuses offered by the filter; none → no filter. */
  statuses?: string[]
  /** Buttons above the list; they see the selected rows and can reload it. */
  toolbar?: (context: ToolbarContext<T>) => ReactNode
  /** Change it to make the list re-read (e.g. after a create dialog closes). */
  reloadKey?: number
  /** Accessible name of the table (the page title). */
  label: string
}

const PAGE_SIZES = [10, 20, 50, 100]
const REFRESH_MS = 2000

const inTransition = (row: unknown) => typeof row === 'object' && row !== null && 'transition_status' in row && typeof row.transition_status === 'string' && row.transition_status !== ''

export function ResourceList<T>({ fetch, rowId, columns, statuses, toolbar, reloadKey = 0, label }: ResourceListProps<T>) {
  const t = useT()
  const { zone } = useSession()
  const uid = useId()
  const [search, setSearch] = useState('')
  const [searchWord, setSearchWord] = useState('')
  const [status, setStatus] = useState('')
  const [offset, setOffset] = useState(0)
  const [limit, setLimit] = useState(20)
  const [page, setPage] = useState<ListPage<T> | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [selectedIds, setSelectedIds] = useState<Set<string>>(new Set())
  const [manual, setManual] = useState(0)
  // the latest fetch wins; an older reply arriving late is dropped
  const generation = useRef(0)
  const fetchRef = useRef(fetch)
  fetchRef.current = fetch

  const load = useCallback(async () => {
    const mine = ++generation.current
    try {
      const query: ListQuery = { offset, limit, ...(searchWord ? { search_word: searchWord } : {}), ...(status ? { status: [status] } : {}) }
      const next = await fetchRef.current(query)
      if (mine !== generation.current) return
      setPage(next)
      setError(null)
    } catch (failure) {
      if (mine === generation.current) setError(failure)
    }
  }, [offset, limit, searchWord, status])

  // biome-ignore lint/correctness/useExhaustiveDependencies: zone, reloadKey and manual are triggers, read by the fetch
  useEffect(() => {
    void load()
  }, [load, zone, reloadKey, manual])

  // in place while something is changing state
  const busy = page?.items.some(inTransition) ?? false
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new page schedules the next re-read
  useEffect(() => {
    if (!busy) return
    const timer = window.setTimeout(() => void load(), REFRESH_MS)
    return () => window.clearTimeout(timer)
  }, [busy, page, load])

  const reload = useCallback(() => setManual((n) => n + 1), [])
  const items = page?.items ?? []
  const selected = items.filter((row) => selectedIds.has(rowId(row)))
  const toggle = (id: string) =>
    setSelectedIds((old) => {
      const next = new Set(old)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  const allSelected = items.length > 0 && selected.length === items.length
  const total = page?.total ?? 0

  return (
    <div className="resource-list">
      <div className="list-controls">
        <form
          className="search"
          onSubmit={(e) => {
            e.preventDefault()
            setOffset(0)
            setSearchWord(search.trim())
          }}
        >
          <label className="visually-hidden" htmlFor={`${uid}-search`}>
            {t('common.search')}
          </label>
          <input id={`${uid}-search`} type="search" value={search} placeholder={t('common.searchPlaceholder')} onChange={(e) => setSearch(e.target.value)} />
          <button type="submit">{t('common.search')}</button>
        </form>
        {statuses && statuses.length > 0 && (
          <>
            <label className="visually-hidden" htmlFor={`${uid}-status`}>
              {t('common.statusFilter')}
            </label>
            <select
              id={`${uid}-status`}
              value={status}
              onChange={(e) => {
                setOffset(0)
                setStatus(e.target.value)
              }}
            >
              <option value="">{t('common.allStatuses')}</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {t.maybe(`status.${s}`) ?? s}
                </option>
              ))}
            </select>
          </>
        )}
        <button type="button" onClick={reload}>
          {t('common.refresh')}
        </button>
      </div>
      {toolbar && (
        <div className="toolbar">
          {toolbar({ selected, reload })}
          {selected.length > 0 && <span className="muted">{t('common.selected', { count: selected.length })}</span>}
        </div>
      )}
      <ErrorNotice error={error} />
      <div className="table-wrap">
        <table aria-label={label} aria-busy={page === null}>
          <thead>
            <tr>
              <th scope="col" className="select-cell">
                <input type="checkbox" aria-label={t('common.selectAll')} checked={allSelected} onChange={() => setSelectedIds(allSelected ? new Set() : new Set(items.map(rowId)))} />
              </th>
              {columns.map((c) => (
                <th scope="col" key={c.label}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page === null && !error && (
              <tr>
                <td colSpan={columns.length + 1}>{t('common.loading')}</td>
              </tr>
            )}
            {page !== null && items.length === 0 && (
              <tr>
                <td colSpan={columns.length + 1}>{t('common.noItems')}</td>
              </tr>
            )}
            {items.map((row) => {
              const id = rowId(row)
              return (
                <tr key={id} className={selectedIds.has(id) ? 'selected' : undefined}>
                  <td className="select-cell">
                    <input type="checkbox" aria-label={t('common.selectRow', { id })} checked={selectedIds.has(id)} onChange={() => toggle(id)} />
                  </td>
                  {columns.map((c) => (
                    <td key={c.label} data-label={c.label}>
                      {c.render(row)}
                    </td>
                  ))}
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label={label}>
        <label>
          {t('common.pageSize')}{' '}
          <select
            value={limit}
            onChange={(e) => {
              setOffset(0)
              setLimit(Number(e.target.value))
            }}
          >
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <span>{t('common.pageRange', { from: total === 0 ? 0 : offset + 1, to: Math.min(offset + limit, total), total })}</span>
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - limit))}>
          {t('common.previousPage')}
        </button>
        <button type="button" disabled={offset + limit >= total} onClick={() => setOffset(offset + limit)}>
          {t('common.nextPage')}
        </button>
      </nav>
    </div>
  )
}
