// Human log lines for `qinglocal serve` on a terminal. pino writes each record as one JSON line to
// a destination; this destination turns the line back into `time LEVEL msg key=value …` before it
// reaches the terminal. It sits after pino's serialisation, so pino's redaction has already
// replaced every secret. Synchronous and in-process: no transport worker, nothing for the esbuild
// bundle to resolve at run time.
import type { LogFormat } from '../config.ts'
import { systemClock } from './clock.ts'

/** Where the formatted lines go (process.stdout, or a collector in tests). */
export interface LineSink {
  write(text: string): unknown
}

/** What `auto` becomes: pretty lines for a person at a terminal, JSON for everything else. */
export function resolveLogFormat(format: LogFormat, isTTY: boolean): 'json' | 'pretty' {
  if (format === 'auto') return isTTY ? 'pretty' : 'json'
  return format
}

const LEVELS: Record<number, { name: string; colour: number }> = {
  10: { name: 'TRACE', colour: 90 },
  20: { name: 'DEBUG', colour: 34 },
  30: { name: 'INFO', colour: 32 },
  40: { name: 'WARN', colour: 33 },
  50: { name: 'ERROR', colour: 31 },
  60: { name: 'FATAL', colour: 35 },
}

/** Fields every record has that the line shows in its own place, or that say nothing on one machine. */
const SHOWN = new Set(['time', 'level', 'msg', 'pid', 'hostname'])

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

function clock(time: unknown): string {
  // a record without its own time is shown at the real time it is written
  const d = typeof time === 'number' ? new Date(time) : systemClock.now()
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

/** A field's value, short: plain strings without quotes unless they hold spaces or quotes. */
function compact(value: unknown): string {
  if (typeof value === 'string') return value === '' || /[\s"=]/.test(value) ? JSON.stringify(value) : value
  return JSON.stringify(value) ?? String(value)
}

/** One JSON record as a human line (with a trailing newline); a line that is not JSON passes through. */
export function formatLogLine(json: string, colour: boolean): string {
  let record: Record<string, unknown>
  try {
    record = JSON.parse(json)
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`
  }
  const level = LEVELS[record.level as number] ?? { name: String(record.level ?? 'LOG').toUpperCase(), colour: 0 }
  const name = level.name.padEnd(5)
  const paint = (code: number, text: string) => (colour && code ? `\u001b[${code}m${text}\u001b[39m` : text)
  let stack = ''
  const fields: string[] = []
  for (const [key, value] of Object.entries(record)) {
    if (SHOWN.has(key) || value === undefined) continue
    // an error's stack reads better on its own lines than squeezed into a field
    if (value && typeof value === 'object' && typeof (value as { stack?: unknown }).stack === 'string') {
      const { stack: trace, ...rest } = value as { stack: string }
      stack += `\n    ${trace.split('\n').join('\n    ')}`
      fields.push(`${key}=${compact(rest)}`)
      continue
    }
    fields.push(`${key}=${compact(value)}`)
  }
  const msg = typeof record.msg === 'string' ? record.msg : ''
  const tail = fields.length > 0 ? ` ${paint(90, fields.join(' '))}` : ''
  return `${paint(90, clock(record.time))} ${paint(level.colour, name)} ${msg}${tail}${stack}\n`
}

/** A pino destination that prints each record as a human line to `out`. */
export function prettyDestination(out: LineSink, colour: boolean): { write(line: string): void } {
  return {
    write(line: string) {
      // pino hands over one complete record per write
      out.write(formatLogLine(line.endsWith('\n') ? line.slice(0, -1) : line, colour))
    },
  }
}
