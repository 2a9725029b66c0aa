// A small piece of platform state that every request consults (is the platform in maintenance?
// are scripted faults armed?), kept in memory for a short time so the common case costs no query.
//
// In this process a change takes effect at once: whoever changes the state bumps its Generation
// once the change has committed (ctx.afterCommit), and a cached copy of an older generation is
// never used again. Other processes sharing the store have no such signal: they see the change
// when their copy is older than the time to live. The time to live runs on the monotonic clock,
// not the injectable domain clock: it bounds how stale a copy may be, which is no domain rule.
import { performance } from 'node:perf_hooks'

/** How stale another process's change may look: state read on every request is kept this long. */
export const SHARED_STATE_TTL_MS = 1000

/** Counts the changes of one piece of state in this process. */
export class Generation {
  private n = 0
  get value(): number {
    return this.n
  }
  bump(): void {
    this.n++
  }
}

export class CachedRead<T> {
  private entry: { value: T; generation: number; readAt: number } | undefined
  private loading: { promise: Promise<T>; generation: number } | undefined

  constructor(
    private readonly load: () => Promise<T>,
    private readonly generation: Generation,
    private readonly ttlMs: number,
  ) {}

  async get(): Promise<T> {
    const generation = this.generation.value
    const entry = this.entry
    if (entry && entry.generation === generation && performance.now() - entry.readAt < this.ttlMs) return entry.value
    // concurrent requests share one read, but never one that began before the latest change
    if (this.loading?.generation === generation) return this.loading.promise
    const readAt = performance.now()
    const promise = this.load().then(
      (value) => {
        if (this.loading?.promise === promise) this.loading = undefined
        // a change committed while reading makes this copy stale: it answers this caller only
        if (this.generation.value === generation) this.entry = { value, generation, readAt }
        return value
      },
      (error: unknown) => {
        if (this.loading?.promise === promise) this.loading = undefined
        throw error
      },
    )
    this.loading = { promise, generation }
    return promise
  }
}
