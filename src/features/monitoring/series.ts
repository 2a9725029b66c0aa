// The monitoring source every Get…Monitor action reads (monitoring.md): a request's window (step,
// start_time, end_time) checked and cut into slots, a resource's life as time spans, and a series
// compressed into QingCloud's `data` format. Nothing is stored: a series is a pure function of the
// window, the resource's life (rows and leases) and the seeded signal (signal.ts), so the same
// request gets the same answer in every process and after restarts.
//
// Slots: a point sits at a multiple of the step in epoch seconds (monitoring.md §2.2, what the
// Python SDK's fixtures show), inside [start_time, min(end_time, now)]. The point at t sums up the
// step that ends there, (t − step, t]; it exists when the resource lived during some of that step,
// and `coverage` says how much of it (a resource started mid-step gets a partial first point).
import { ApiError } from '../../errors.ts'
import { formatTime } from '../../lib/clock.ts'
import { parseQueryTime } from '../../protocol/time-stamp.ts'

/**
 * The steps accepted, in seconds: the four the docs, the API spec and the Go SDK name. The Python
 * SDK also lists 30m and 1h, but the Go SDK refuses them client-side and the docs never mention
 * them, so they answer 1100 like any other step.
 */
export const STEP_SECONDS = { '5m': 300, '15m': 900, '2h': 7200, '1d': 86400 } as const
export type Step = keyof typeof STEP_SECONDS

/** 5m and 15m reach back this many days; older data only comes at 2h or 1d (every monitor page). */
export const FINE_STEP_DAYS = 15
const FINE_STEPS: readonly Step[] = ['5m', '15m']

/**
 * Most slots one series may span (counted over the requested range): the whole 15-day window at
 * 5m (4321 slots) fits; 2h reaches about 416 days, 1d about 13 years. No source gives a limit.
 */
export const MAX_POINTS = 5000

/** A request's slots: multiples of `seconds` from `first` to `last` (none when last < first). */
export interface Window {
  step: Step
  seconds: number
  first: number
  last: number
}

export const epochSeconds = (text: string): number => Math.floor(new Date(text).getTime() / 1000)

/**
 * Checks step, start_time and end_time (1100 naming the problem) and returns the slots up to now:
 * an unknown step; a time that is not `YYYY-MM-DDThh:mm:ssZ` / `.mmmZ`; end_time not after
 * start_time; a 5m or 15m step starting more than 15 days ago; more than MAX_POINTS slots.
 */
export function monitorWindow(params: { step: string; start_time: string; end_time: string }, now: Date): Window {
  if (!Object.hasOwn(STEP_SECONDS, params.step)) {
    throw new ApiError('InvalidRequestFormat', `parameter step should be one of ${Object.keys(STEP_SECONDS).join(', ')}, got [${params.step}]`)
  }
  const step = params.step as Step
  const seconds = STEP_SECONDS[step]
  const start = parseQueryTime('start_time', params.start_time)
  const end = parseQueryTime('end_time', params.end_time)
  if (end.getTime() <= start.getTime()) throw new ApiError('InvalidRequestFormat', `parameter end_time [${params.end_time}] should be after start_time [${params.start_time}]`)
  const oldest = new Date(now.getTime() - FINE_STEP_DAYS * 86_400_000)
  if (FINE_STEPS.includes(step) && start.getTime() < oldest.getTime()) {
    throw new ApiError('InvalidRequestFormat', `step [${step}] covers only the last ${FINE_STEP_DAYS} days (since ${formatTime(oldest)}): for start_time [${params.start_time}] use step 2h or 1d`)
  }
  const first = Math.ceil(start.getTime() / 1000 / seconds) * seconds
  const requested = Math.floor(end.getTime() / 1000 / seconds) * seconds
  const slots = (requested - first) / seconds + 1
  if (slots > MAX_POINTS) {
    throw new ApiError('InvalidRequestFormat', `the range from [${params.start_time}] to [${params.end_time}] holds ${slots} points at step [${step}], more than ${MAX_POINTS} in one series: narrow the range or use a longer step`)
  }
  const last = Math.min(requested, Math.floor(now.getTime() / 1000 / seconds) * seconds)
  return { step, seconds, first, last }
}

// ── a resource's life as spans ──────────────────────────────────────────────────────────────────

/** [from, to) in epoch seconds; `to` is Infinity while it lasts. */
export interface Span {
  from: number
  to: number
}

export interface Life {
  /** When the resource came to be. */
  created: string
  /** When it stopped running for good or for now (status_time of a stopped, suspended or deleted one); absent while it runs. */
  ended?: string
  /**
   * Its lease periods, when it is billed. A load balancer or router ends a lease when it stops and
   * opens another when it starts, so its leases are its running history; an instance's lease goes on
   * while it is stopped (its stops are cut out with `minus`). Absent (or empty): it ran from
   * `created` throughout.
   */
  leases?: ReadonlyArray<{ lease_time: string; end_time: string | null }>
}

/** The spans a resource was running in: its leases (or its whole life), inside [created, ended). */
export function lifeSpans(life: Life): Span[] {
  const whole: Span = { from: epochSeconds(life.created), to: life.ended === undefined ? Infinity : epochSeconds(life.ended) }
  const periods = life.leases?.length ? life.leases.map((l) => ({ from: epochSeconds(l.lease_time), to: l.end_time === null ? Infinity : epochSeconds(l.end_time) })) : [whole]
  return intersect(union(periods), [whole])
}

/** The spans sorted and merged where they touch or overlap. */
export function union(spans: readonly Span[]): Span[] {
  const out: Span[] = []
  for (const s of [...spans].filter((s) => s.to > s.from).sort((a, b) => a.from - b.from)) {
    const last = out.at(-1)
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to)
    else out.push({ ...s })
  }
  return out
}

/** Where both sets of spans hold. */
export function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = []
  for (const x of a) for (const y of b) if (Math.max(x.from, y.from) < Math.min(x.to, y.to)) out.push({ from: Math.max(x.from, y.from), to: Math.min(x.to, y.to) })
  return union(out)
}

/** Where `a` holds and `b` does not (a running life without the times a job stopped it). */
export function minus(a: readonly Span[], b: readonly Span[]): Span[] {
  let out = union(a)
  for (const cut of union(b)) {
    out = out.flatMap((s) => {
      if (cut.to <= s.from || cut.from >= s.to) return [s]
      return [
        { from: s.from, to: cut.from },
        { from: cut.to, to: s.to },
      ].filter((p) => p.to > p.from)
    })
  }
  return out
}

/** The spans from `at` on (a listener added, an EIP bound at that time). */
export const since = (spans: readonly Span[], at: string): Span[] => intersect(spans, [{ from: epochSeconds(at), to: Infinity }])

/** The part (0–1] of the step ending at t, (t − seconds, t], inside the spans; 0 when none. */
export function coverage(spans: readonly Span[], t: number, seconds: number): number {
  let inside = 0
  for (const s of spans) inside += Math.max(0, Math.min(s.to, t) - Math.max(s.from, t - seconds))
  return inside / seconds
}

// ── series ──────────────────────────────────────────────────────────────────────────────────────

/** A slot's value: an integer, an [a, b] pair, a `|`-joined string, or "NA" (a bad sample). */
export type Value = number | string | readonly [number, number]
export interface Point {
  t: number
  v: Value
}

/**
 * One point per slot of the window in which the spans hold; `value` gets the slot's time and its
 * coverage (multiply counts and rates by it: a half-lived step carries half the traffic).
 */
export function sample(window: Window, spans: readonly Span[], value: (t: number, coverage: number) => Value): Point[] {
  const points: Point[] = []
  if (spans.length === 0) return points
  for (let t = window.first; t <= window.last; t += window.seconds) {
    const c = coverage(spans, t, window.seconds)
    if (c > 0) points.push({ t, v: value(t, c) })
  }
  return points
}

export const NA = 'NA'

/** One entry of compressed `data` (compress): the first point as [t0, v], a bare value one step on, [gap, v] after a gap. */
export type MonitorDataEntry = Value | readonly [number, Value]
/** A meter's compressed `data`, as GetMonitor and the resource-specific monitor actions answer it. */
export type MonitorData = MonitorDataEntry[]

/**
 * QingCloud's compressed `data` (monitoring.md §2.1): the first point as [t0, v]; a point one step
 * after the one before as the bare value; after a gap, [span, v] with span the seconds since the
 * point before (pairs nested: [span, [a, b]]). "NA" stays a bare string and only right after a
 * point: the Python SDK loses the offset of [span, "NA"] and cannot start a series with it, so an
 * "NA" at the start or after a gap is dropped (it widens the gap). No points: [].
 */
export function compress(points: readonly Point[], seconds: number): MonitorData {
  const data: MonitorData = []
  let previous: number | undefined
  for (const p of points) {
    if (p.v === NA && (previous === undefined || p.t - previous !== seconds)) continue
    if (previous === undefined) data.push([p.t, p.v])
    else if (p.t - previous === seconds) data.push(p.v)
    else data.push([p.t - previous, p.v])
    previous = p.t
  }
  return data
}
