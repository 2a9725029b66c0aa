// A step of the request path that needs no I/O in the common case (a cache hit, a local slot)
// answers a plain value; only a miss answers a promise. The endpoint awaits only promises: every
// `await` is a hop through the microtask queue, and a request takes about ten such steps.
export type MaybePromise<T> = T | Promise<T>

/** `value` handed to `then` now when it is a plain value, or once it settles when it is a promise. */
export function andThen<T, R>(value: MaybePromise<T>, then: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return value instanceof Promise ? value.then(then) : then(value)
}
