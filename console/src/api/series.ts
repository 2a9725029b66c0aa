// Decodes QingCloud's compressed monitoring series (GetMonitor's `meter_set[].data`) into points
// for <Chart/>. Written here because the compute pages' decoder (api/monitor.ts) is not on this
// branch; the lead may fold the two together. The grammar: element 0 is `[t0, v]` (epoch seconds
// of the first valid point); a bare `v` is the previous time + step; `[span, v]` is the previous
// time + span seconds (a gap); the string "NA" is an invalid slot that still advances by step. For
// a pair meter (`[in, out]`), an offset is `[span, [a, b]]` and a bare `[a, b]` is a value.
// Slots skipped by a span, and padding from start_time to t0, become null points (gaps in the line).

export const STEP_SECONDS: Record<string, number> = { '5m': 300, '15m': 900, '30m': 1800, '1h': 3600, '2h': 7200, '1d': 86400 }

/** A decoded point: epoch milliseconds and the value (a number, a pair, or null for no data). */
export interface RawPoint {
  t: number
  v: number | number[] | null
}

const isPair = (value: unknown): value is number[] => Array.isArray(value) && value.every((x) => typeof x === 'number')

/** Every slot of one series from `startMs` (padding before the first point) on the step grid. */
export function decodeSeries(data: readonly unknown[], stepSeconds: number, startMs?: number): RawPoint[] {
  const first = data[0]
  if (!Array.isArray(first) || typeof first[0] !== 'number') return []
  const pairMeter = Array.isArray(first[1])
  const step = stepSeconds * 1000
  const out: RawPoint[] = []
  let t = first[0] * 1000
  if (startMs !== undefined) for (let pad = startMs; pad < t; pad += step) out.push({ t: pad, v: null })
  out.push({ t, v: pointValue(first[1]) })
  for (const element of data.slice(1)) {
    if (element === 'NA') {
      t += step
      out.push({ t, v: null })
      continue
    }
    const offset = Array.isArray(element) && element.length === 2 && typeof element[0] === 'number' && (!pairMeter || Array.isArray(element[1]))
    if (offset) {
      const target = t + (element[0] as number) * 1000
      for (let gap = t + step; gap < target; gap += step) out.push({ t: gap, v: null })
      t = target
      out.push({ t, v: pointValue(element[1]) })
    } else {
      t += step
      out.push({ t, v: pointValue(element) })
    }
  }
  return out
}

function pointValue(value: unknown): number | number[] | null {
  if (typeof value === 'number') return value
  if (isPair(value)) return value
  return null // "NA", or a pair holding "NA"
}

/** One component of a pair meter (0 in, 1 out) or the scalar itself, as Chart points. */
export function component(points: readonly RawPoint[], index: number): Array<{ t: number; v: number | null }> {
  return points.map((p) => ({ t: p.t, v: p.v === null ? null : Array.isArray(p.v) ? (p.v[index] ?? null) : p.v }))
}
