// A plain table of rows already in hand (detail pages' sub-lists, quota tables): named by `label`,
// one column heading per column, and one row saying `empty` when there are no rows. Unlike
// ResourceList it neither fetches, pages nor selects.
import type { ReactNode } from 'react'

export interface DataColumn<T> {
  /** The column heading (already translated). */
  header: string
  cell: (row: T) => ReactNode
  /** React key of the column; the heading when absent. */
  key?: string
  /** The cell names its row (a `th scope="row"`), as a quota type does. */
  rowHeader?: boolean
}

interface DataTableProps<T> {
  /** Accessible name of the table. */
  label: string
  columns: DataColumn<T>[]
  rows: readonly T[]
  rowKey: (row: T) => string
  /** What the one row of an empty table says (no such row when absent). */
  empty?: ReactNode
  /** Give each data cell its heading as data-label (shown before the value on narrow screens). */
  cellLabels?: boolean
}

export function DataTable<T>({ label, columns, rows, rowKey, empty, cellLabels = false }: DataTableProps<T>) {
  return (
    <div className="table-wrap">
      <table aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.key ?? c.header}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && empty !== undefined && (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th scope="row" key={c.key ?? c.header}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.key ?? c.header} data-label={cellLabels ? c.header : undefined}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
