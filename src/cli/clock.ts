// `qinglocal clock`: the platform's virtual clock through the control API (src/control/clock.ts),
// signed with the admin key as `health` is. `clock` shows it; `clock advance 90m`, `clock set
// 2027-01-01T00:00:00Z [--freeze]` and `clock resume` move it and show where it stands. A refusal
// prints the reply and exits 1; no server or no credentials exits 2.
import type { Command } from 'commander'
import { defaultAdminCredentialsPath } from '../config.ts'
import { callControl, type ControlCall, UnreachableError } from './client.ts'
import { type Credentials, readCredentials } from './credentials.ts'
import type { CliIo } from './program.ts'

export interface ClockCommandContext {
  io: CliIo
  state: { exitCode: number }
  /** What to try when the server cannot be reached (program.ts). */
  unreachableHint: (file: string, credentials?: Credentials) => string
}

/** What the clock controls answer (src/control/clock.ts). */
interface ClockReply {
  now: string
  base_now: string
  offset_seconds: number
  frozen: boolean
  caught_up?: boolean
  note?: string
}

export function addClockCommand(program: Command, ctx: ClockCommandContext): void {
  const { io, state } = ctx
  const credentialsOption: [string, string, string] = ['-f, --credentials <file>', 'qingcloud-cli style credentials file of an administrator', defaultAdminCredentialsPath(io.env)]

  /** Calls one clock control and prints its answer; `command` names it in error lines. */
  const run = async (command: string, name: string, call: ControlCall, options: { credentials: string; json?: boolean }) => {
    let credentials: Credentials | undefined
    try {
      credentials = readCredentials(options.credentials)
      const reply = await callControl({ baseUrl: credentials.baseUrl, accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey }, name, call)
      if (reply.ret_code !== 0) {
        io.out(`${JSON.stringify(reply, null, 2)}\n`)
        state.exitCode = 1
        return
      }
      io.out(options.json ? `${JSON.stringify(reply, null, 2)}\n` : clockText(reply as unknown as ClockReply))
    } catch (error) {
      io.err(`qinglocal ${command}: ${(error as Error).message}\n`)
      if (error instanceof UnreachableError && credentials) io.err(`${ctx.unreachableHint(options.credentials, credentials)}\n`)
      state.exitCode = 2
    }
  }

  const clock = program
    .command('clock')
    .description("show the platform's virtual clock (the control API's /_qinglocal/clock, signed with the admin key); move it with advance, set, resume")
    .option(...credentialsOption)
    .option('--json', 'print the whole reply as JSON')
    .action((options) => run('clock', 'clock', {}, options))

  clock
    .command('advance <by>')
    .description('move the clock forward: 90m, 36h, 30d, 1h30m or seconds; what became due (jobs, charges, sweeps) happens before it answers, unless jobs run at manual speed')
    .option(...credentialsOption)
    .option('--json', 'print the whole reply as JSON')
    .action((by: string, options) => run('clock advance', 'clock/advance', { method: 'POST', params: { by } }, options))

  clock
    .command('set <time>')
    .description('put the clock at a UTC time (YYYY-MM-DDThh:mm:ssZ), never before the time it shows')
    .option('--freeze', 'stop the clock there (until advanced, set or resumed)')
    .option(...credentialsOption)
    .option('--json', 'print the whole reply as JSON')
    .action((time: string, options) => run('clock set', 'clock/set', { method: 'POST', params: { time, ...(options.freeze && { freeze: '1' }) } }, options))

  clock
    .command('resume')
    .description('let a frozen clock run again from where it stands')
    .option(...credentialsOption)
    .option('--json', 'print the whole reply as JSON')
    .action((options) => run('clock resume', 'clock/resume', { method: 'POST' }, options))
}

/** `2026-02-15T08:00:00Z (running), 31d ahead of the base clock 2026-01-15T08:00:00Z`, and the manual-speed note. */
function clockText(c: ClockReply): string {
  const ahead = c.offset_seconds === 0 ? 'the base clock' : `${span(c.offset_seconds)} ${c.offset_seconds > 0 ? 'ahead of' : 'behind'} the base clock ${c.base_now}`
  return `${c.now} (${c.frozen ? 'frozen' : 'running'}), ${ahead}\n${c.note ? `${c.note}\n` : ''}`
}

/** Seconds as `31d 2h 5m 3s` (the parts that are not zero). */
function span(seconds: number): string {
  let rest = Math.abs(seconds)
  const parts: string[] = []
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size)
    rest -= n * size
    if (n > 0) parts.push(`${n}${unit}`)
  }
  return parts.join(' ')
}
