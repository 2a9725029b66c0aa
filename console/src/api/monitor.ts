// GetMonitor for the console's charts: asks for a resource's meters over a window and decodes
// QingCloud's compressed series into points for <Chart/>. The series grammar: element 0 is
// [t0, v] (t0 = epoch seconds of the first valid point); a bare value is one step after the
// previous point; [span, v] is span seconds after it (a gap); "NA" is an empty slot one step on.
// cpu and memory are per-mille integers; the console shows them as percent.
import { call } from './client.ts'

export type Step = '5m' | '15m' | '2h' | '1d'
export const STEP_SECONDS: Record<Step, number> = { '5m': 300, '15m': 900, '2h': 7200, '1d': 86400 }

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

/** A value as a number: pairs and `|` strings take their first field; anything else is a gap. */
function numberOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (Array.isArray(value)) return numberOf(value[0])
  if (typeof value === 'string' && value !== 'NA') {
    const n = Number(value.split('|')[0])
    return Number.isFinite(n) ? n : null
  }
  return null
}

/** Decodes one compressed series into points (t in epoch ms). `"NA"` becomes a null point. */
export function decompress(data: readonly unknown[], stepSeconds: number): Point[] {
  const points: Point[] = []
  let time = 0
  data.forEach((item, i) => {
    if (i === 0) {
      if (!Array.isArray(item) || item.length !== 2 || typeof item[0] !== 'number') throw new Error('monitor series: element 0 is not [t0, v]')
      time = item[0]
      points.push({ t: time * 1000, v: numberOf(item[1]) })
      return
    }
    // [span, v] with a numeric span and a value: an offset point. A bare pair [a, b] of a pair meter
    // is a value, which is why the offset form of a pair meter is [span, [a, b]]: a plain two-number
    // array after element 0 is read as an offset only for scalar meters (cpu, memory).
    if (Array.isArray(item) && item.length === 2 && typeof item[0] === 'number' && (typeof item[1] !== 'number' || scalarSeries(data))) {
      const span = item[0]
      // the slots skipped by the gap are drawn as a break in the line
      if (span > stepSeconds) points.push({ t: (time + stepSeconds) * 1000, v: null })
      time += span
      points.push({ t: time * 1000, v: numberOf(item[1]) })
      return
    }
    time += stepSeconds
    points.push({ t: time * 1000, v: item === 'NA' ? null : numberOf(item) })
  })
  return points
}

/** True when element 0 carries a plain number: the series is of a scalar meter. */
function scalarSeries(data: readonly unknown[]): boolean {
  const first = data[0]
  return Array.isArray(first) && typeof first[1] === 'number'
}

/** Empty points at the window's ends, so a chart spans the period asked even when data starts late. */
export function padWindow(points: Point[], startMs: number, endMs: number): Point[] {
  const first = points[0]
  const last = points[points.length - 1]
  return [...(first === undefined || first.t > startMs ? [{ t: startMs, v: null }] : []), ...points, ...(last === undefined || last.t < endMs ? [{ t: endMs, v: null }] : [])]
}

/** The UTC form GetMonitor takes: YYYY-MM-DDThh:mm:ssZ. */
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
    const percent = decompress(meter.data, STEP_SECONDS[step]).map((p) => ({ t: p.t, v: p.v === null ? null : p.v / 10 }))
    out[meter.meter_id] = padWindow(percent, start, now)
  }
  return out
}
