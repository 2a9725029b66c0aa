// QingCloud's compressed monitoring series (monitoring.md §2.1), as GetLoadBalancerMonitor answers
// them in meter_set[].data_set[].data: element 0 is [t0, v]; a bare value is one step after the
// point before; [span, v] is `span` seconds after it (a gap); "NA" is an empty slot one step on.
// A pair meter (traffic [in, out]) nests its values, so a bare [a, b] is a value and only
// [span, [a, b]] is an offset — the same test the Python SDK's MonitorProcessor makes.

export type SeriesValue = number | string | number[]
export interface DecodedPoint {
  /** epoch milliseconds */
  t: number
  /** null for an empty ("NA") slot */
  v: SeriesValue | null
}

const isNa = (v: unknown) => v === 'NA' || (Array.isArray(v) && v.includes('NA'))

/** Decodes one compressed series; `step` in seconds. Gaps are filled with null points on the step grid (so a chart breaks there). */
export function decodeSeries(data: readonly unknown[], step: number): DecodedPoint[] {
  const first = data[0]
  if (!Array.isArray(first) || first.length < 2 || typeof first[0] !== 'number') return []
  const pairs = Array.isArray(first[1])
  const points: DecodedPoint[] = []
  let t = first[0]
  points.push({ t: t * 1000, v: isNa(first[1]) ? null : (first[1] as SeriesValue) })
  for (const item of data.slice(1)) {
    if (Array.isArray(item) && item.length > 1 && typeof item[0] === 'number' && (!pairs || Array.isArray(item[1]) || item[1] === 'NA')) {
      const span = item[0]
      for (let gap = t + step; gap < t + span; gap += step) points.push({ t: gap * 1000, v: null })
      t += span
      points.push({ t: t * 1000, v: isNa(item[1]) ? null : (item[1] as SeriesValue) })
    } else {
      t += step
      points.push({ t: t * 1000, v: isNa(item) ? null : (item as SeriesValue) })
    }
  }
  return points
}

/** One number out of a value: the `index`th of a pair or of a `|`-joined string, or the value itself. */
export function pick(v: SeriesValue | null, index = 0): number | null {
  if (v === null) return null
  if (typeof v === 'number') return index === 0 ? v : null
  const part = Array.isArray(v) ? v[index] : Number(v.split('|')[index])
  return typeof part === 'number' && Number.isFinite(part) ? part : null
}

export const STEP_SECONDS: Record<string, number> = { '5m': 300, '15m': 900, '2h': 7200, '1d': 86400 }
