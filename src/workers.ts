// `qinglocal serve --workers N`: the primary process forks N workers with node:cluster (each re-runs
// the same command line and serves; see serveWorker in main.ts). On Linux the primary accepts the
// connections and hands them to the workers in turn, so they all serve one port. The primary
// serves nothing itself: it waits for every worker to listen, writes the credential files, then
// tells them all to report ready; it replaces a worker that dies (after a growing pause while it
// keeps dying young), and on stop asks each worker to finish its in-flight requests.
import cluster, { type Worker } from 'node:cluster'
import type pino from 'pino'
import { AggregatorRegistry, type Registry } from 'prom-client'
import { realTimeMs } from './lib/clock.ts'

/** What the primary tells a worker over the IPC channel. */
export interface WorkerMessage {
  qinglocal: 'ready' | 'stop'
}

/** /metrics in a worker: the worker asks the primary, which gathers every worker's registry (prom-client's AggregatorRegistry). */
interface MetricsMessage {
  qinglocal: 'metrics'
  id: number
  text?: string
  error?: string
}

export interface Workers {
  /** The port every worker listens on (the configured one, or the one the first picked for port 0). */
  port: number
  /** The workers' process ids, by index. */
  pids(): number[]
  /** Lets the workers' /readyz answer 200 (after the credential files are written): every worker now, and each replacement once it listens. */
  ready(): void
  /** Stops every worker gracefully (SIGKILL after `STOP_WITHIN_MS`); no worker is replaced from now on. */
  close(): Promise<void>
}

/** A worker that lived shorter than this before it died is restarted after a longer pause each time. */
const HEALTHY_AFTER_MS = 10_000
const FIRST_RESTART_DELAY_MS = 100
const MAX_RESTART_DELAY_MS = 30_000
/** In-flight requests get this long to finish when the primary stops; then the workers are killed. */
const STOP_WITHIN_MS = 30_000

interface Slot {
  worker: Worker
  started: number
  /** Pause before the next restart of this slot. */
  delay: number
  listening: boolean
}

export async function startWorkers(options: { count: number; indexVariable: string; env?: Record<string, string>; logger: pino.Logger }): Promise<Workers> {
  const { count, logger } = options
  const slots: Slot[] = []
  let stopping = false
  let started = false
  let ready = false
  let port = 0
  const timers = new Set<NodeJS.Timeout>()

  // a worker asked for /metrics: every worker's counters, summed (gauges too; see docs/performance.md)
  const aggregator = new AggregatorRegistry()
  const onMessage = (worker: Worker, message: MetricsMessage) => {
    if (message?.qinglocal !== 'metrics') return
    aggregator.clusterMetrics().then(
      (text) => worker.isConnected() && worker.send({ qinglocal: 'metrics', id: message.id, text } satisfies MetricsMessage),
      (error: Error) => worker.isConnected() && worker.send({ qinglocal: 'metrics', id: message.id, error: error.message } satisfies MetricsMessage),
    )
  }
  cluster.on('message', onMessage)

  const fork = (index: number, delay: number) => {
    const worker = cluster.fork({ ...options.env, [options.indexVariable]: String(index) })
    // a worker's age is real time: restart pacing, not platform time
    const slot: Slot = { worker, started: realTimeMs(), delay, listening: false }
    slots[index] = slot
    worker.on('listening', (address) => {
      slot.listening = true
      port ||= address.port
      if (started) {
        logger.info({ worker: index, worker_pid: worker.process.pid }, 'worker replaced and listening')
        if (ready) send(worker, 'ready')
      } else if (slots.length === count && slots.every((s) => s.listening)) {
        started = true
        startup.resolve()
      }
    })
    worker.on('exit', (code, signal) => {
      if (stopping || slots[index]?.worker !== worker) return
      if (!started) {
        startup.reject(new Error(`worker ${index} exited during start-up (${signal ?? `code ${code}`})`))
        return
      }
      // a worker that dies young is restarted after twice the last pause; one that lived long, at once
      const next = realTimeMs() - slot.started >= HEALTHY_AFTER_MS ? FIRST_RESTART_DELAY_MS : slot.delay
      logger.error({ worker: index, worker_pid: worker.process.pid, code, signal, restart_in_ms: next }, 'worker exited; starting another')
      const timer = setTimeout(() => {
        timers.delete(timer)
        if (!stopping) fork(index, Math.min(next * 2, MAX_RESTART_DELAY_MS))
      }, next)
      timers.add(timer)
    })
  }

  // Promise.withResolvers is Node 22
  const startup = {} as { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void }
  startup.promise = new Promise<void>((resolve, reject) => Object.assign(startup, { resolve, reject }))
  for (let index = 0; index < count; index++) fork(index, FIRST_RESTART_DELAY_MS)

  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (async () => {
      stopping = true
      for (const timer of timers) clearTimeout(timer)
      const alive = slots.filter((s) => !s.worker.isDead()).map((s) => s.worker)
      const exited = alive.map((worker) => new Promise<void>((resolve) => worker.once('exit', () => resolve())))
      for (const worker of alive) send(worker, 'stop')
      const kill = setTimeout(() => {
        for (const worker of alive) worker.process.kill('SIGKILL')
      }, STOP_WITHIN_MS)
      await Promise.all(exited)
      clearTimeout(kill)
      cluster.off('message', onMessage)
    })())

  try {
    await startup.promise
  } catch (error) {
    await close()
    throw error
  }
  return {
    port,
    pids: () => slots.map((s) => s.worker.process.pid ?? 0),
    ready: () => {
      ready = true
      for (const s of slots) send(s.worker, 'ready')
    },
    close,
  }
}

function send(worker: Worker, order: WorkerMessage['qinglocal']): void {
  // a worker that is already gone cannot be told anything
  if (worker.isConnected()) worker.send({ qinglocal: order } satisfies WorkerMessage)
}

/**
 * In a worker: how /metrics is answered. The worker's own registry is offered to the primary's
 * aggregator, and the text served is the sum over every worker, so a scrape that lands on any
 * worker sees the whole server.
 */
export function clusterMetrics(registry: Registry): () => Promise<string> {
  new AggregatorRegistry() // installs the worker's side: answers the primary's requests
  AggregatorRegistry.setRegistries([registry])
  let next = 0
  const waiting = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>()
  process.on('message', (message: MetricsMessage) => {
    if (message?.qinglocal !== 'metrics') return
    const request = waiting.get(message.id)
    waiting.delete(message.id)
    if (message.error !== undefined) request?.reject(new Error(message.error))
    else request?.resolve(message.text ?? '')
  })
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = next++
      waiting.set(id, { resolve, reject })
      process.send!({ qinglocal: 'metrics', id } satisfies MetricsMessage)
    })
}
