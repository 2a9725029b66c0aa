// Fastify gives every request a child logger bound to its request id. Making a pino child costs a
// few microseconds (bindings serialised, redaction set up) and most requests log nothing but the
// access line, which app.ts writes through the root logger. This child is made only when a line at
// an enabled level is actually written through it; the methods live on the prototype, so a request
// allocates one small object.
import type { FastifyBaseLogger } from 'fastify'
import type { Bindings, ChildLoggerOptions, Level, Logger } from 'pino'

// biome-ignore lint/suspicious/noExplicitAny: pino's overloads are forwarded unchanged
type Args = any[]

export class LazyChildLogger {
  private made: Logger | undefined

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions | undefined,
  ) {}

  private write(level: Level, args: Args): void {
    if (!this.parent.isLevelEnabled(level)) return
    this.made ??= this.parent.child(this.bindings, this.options)
    ;(this.made[level] as (...a: Args) => void)(...args)
  }

  get level(): string {
    return (this.made ?? this.parent).level
  }
  set level(level: string) {
    this.made ??= this.parent.child(this.bindings, this.options)
    this.made.level = level
  }

  fatal(...args: Args): void {
    this.write('fatal', args)
  }
  error(...args: Args): void {
    this.write('error', args)
  }
  warn(...args: Args): void {
    this.write('warn', args)
  }
  info(...args: Args): void {
    this.write('info', args)
  }
  debug(...args: Args): void {
    this.write('debug', args)
  }
  trace(...args: Args): void {
    this.write('trace', args)
  }
  silent(): void {}

  isLevelEnabled(level: string): boolean {
    return (this.made ?? this.parent).isLevelEnabled(level)
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    this.made ??= this.parent.child(this.bindings, this.options)
    return this.made.child(bindings, options)
  }
}

/** Fastify's `childLoggerFactory`: a lazy child per request. */
export function lazyChildLoggerFactory(logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  return new LazyChildLogger(logger as unknown as Logger, bindings, options) as unknown as FastifyBaseLogger
}
