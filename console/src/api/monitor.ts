// The console's one reader of QingCloud's compressed monitor series (GetMonitor's
// meter_set[].data, GetLoadBalancerMonitor's meter_set[].data_set[].data) plus the small helpers
// the charts share. The grammar follows the Python SDK's MonitorProcessor (monitoring.md §2–§3):
// element 0 is [t0, v] (epoch seconds of the first valid point); a bare value is one step after
// the point before; [span, v] is span seconds after it (a gap, whose skipped slots become empty
// points); "NA", or a list holding "NA", is an empty slot one step on. For a pair meter ([in, out])
// a bare [a, b] is a value and only [span, [a, b]] is an offset. cpu and memory are per-mille.
import { call } from './client.ts'

export type Step = '5m' | '15m' | '30m' | '1h' | '2h' | '1d'
export const STEP_SECONDS: Record<Step, number> = { '5m': 300, '15m': 900, '30m': 1800, '1h': 3600, '2h': 7200, '1d': 86400 }

/** Seconds of a step name; an unknown name falls back to 5 minutes, the finest step. */
export const stepSeconds = (step: string): number => STEP_SECONDS[step as Step] ?? 300

/** A meter's value: a number (cpu), a pair ([in, out]) or a `|`-joined string (disk-us). */
export type Value = number | string | number[]

/** A decoded slot: t in epoch milliseconds; v null for an empty slot. */
export interface RawPoint {
  t: number
  v: Value | null
}

/** A chart point: one number or null (a break in the line). */
export interface Point {
  t: number
  v: number | null
}

export interface MeterReply {
  meter_id: string
  data?: unknown[]
}

export interface MonitorReply {
  resource_id: string
  meter_set: MeterReply[]
}

const isNa = (value: unknown) => value === 'NA' || (Array.isArray(value) && value.includes('NA'))

function slotValue(value: unknown): Value | null {
  if (isNa(value)) return null
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.every((x) => typeof x === 'number')) return value
  return null
}

/**
 * Decodes one compressed series into slots on the step grid (t in epoch ms). With `startMs`, empty
 * slots are added from there up to the first point, as the SDK pads. An empty series decodes to
 * no points; a non-empty one whose element 0 is not [t0, v] is refused.
 */
export function decodeSeries(data: readonly unknown[], stepSeconds: number, startMs?: number): RawPoint[] {
  if (data.length === 0) return []
  const first = data[0]
  if (!Array.isArray(first) || first.length !== 2 || typeof first[0] !== 'number') throw new Error('monitor series: element 0 is not [t0, v]')
  const pairMeter = Array.isArray(first[1])
  const step = stepSeconds * 1000
  const out: RawPoint[] = []
  let t = first[0] * 1000
  if (startMs !== undefined) for (let pad = startMs; pad < t; pad += step) out.push({ t: pad, v: null })
  out.push({ t, v: slotValue(first[1]) })
  for (const item of data.slice(1)) {
    // the SDK's test: "NA" anywhere makes the element an empty slot, even [span, "NA"]
    const offset = !isNa(item) && Array.isArray(item) && item.length > 1 && typeof item[0] === 'number' && (!pairMeter || Array.isArray(item[1]))
    if (offset) {
      const target = t + (item[0] as number) * 1000
      for (let gap = t + step; gap < target; gap += step) out.push({ t: gap, v: null })
      t = target
      out.push({ t, v: slotValue(item[1]) })
    } else {
      t += step
      out.push({ t, v: slotValue(item) })
    }
  }
  return out
}

/** Field `index` of a value: of a pair (0 in/read, 1 out/write), of a `|`-joined string, or a scalar itself (index 0). */
export function pick(value: Value | null, index = 0): number | null {
  if (value === null) return null
  if (typeof value === 'number') return index === 0 ? value : null
  const part = Array.isArray(value) ? value[index] : Number(value.split('|')[index])
  return typeof part === 'number' && Number.isFinite(part) ? part : null
}

/** One component of every slot, as chart points. */
export function component(points: readonly RawPoint[], index: number): Point[] {
  return points.map((p) => ({ t: p.t, v: pick(p.v, index) }))
}

/** Empty points at the window's ends, so a chart spans the period asked even when data starts late. */
export function padWindow(points: readonly Point[], startMs: number, endMs: number): Point[] {
  const first = points[0]
  const last = points[points.length - 1]
  return [...(first === undefined || first.t > startMs ? [{ t: startMs, v: null }] : []), ...points, ...(last === undefined || last.t < endMs ? [{ t: endMs, v: null }] : [])]
}

/** The UTC form the monitor actions take: YYYY-MM-DDThh:mm:ssZ (whole seconds). */
export function utc(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`
}

/** cpu and memory of one instance over the last `hours`, as percent series keyed by meter. */
export async function instanceUsage(resource: string, hours: number, step: Step, now = Date.now()): Promise<Record<string, Point[]>> {
  const start = now - hours * 3600_000
  const reply = await call<MonitorReply>('iaas', 'GetMonitor', { resource, meters: ['cpu', 'memory'], step, start_time: utc(start), end_time: utc(now) })
  const out: Record<string, Point[]> = {}
  for (const meter of reply.meter_set ?? []) {
    if (!Array.isArray(meter.data) || meter.data.length === 0) continue
    const percent = component(decodeSeries(meter.data, STEP_SECONDS[step]), 0).map((p) => ({ t: p.t, v: p.v === null ? null : p.v / 10 }))
    out[meter.meter_id] = padWindow(percent, start, now)
  }
  return out
}
