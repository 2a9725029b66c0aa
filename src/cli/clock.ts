// `qinglocal clock`: the platform's virtual clock through the control API (src/control/clock.ts),
// signed with the admin key as `health` is. `clock` shows it; `clock advance 90m`, `clock set
// 2027-01-01T00:00:00Z [--freeze]` and `clock resume` move it and show where it stands. A refusal
// prints the reply and exits 1; no server or no credentials exits 2.
import type { Command } from 'commander'
import { callControl } from './client.ts'
import { type ControlCliContext, type ControlReply, controlCommand } from './control-command.ts'

/** What the clock controls answer (src/control/clock.ts). */
interface ClockReply {
  now: string
  base_now: string
  offset_seconds: number
  frozen: boolean
  caught_up?: boolean
  note?: string
}

export function addClockCommand(program: Command, ctx: ControlCliContext): void {
  const show = (reply: ControlReply) => clockText(reply as unknown as ClockReply)
  const clock = controlCommand(program, ctx, {
    spec: 'clock',
    description: "show the platform's virtual clock (the control API's /_qinglocal/clock, signed with the admin key); move it with advance, set, resume",
    ask: (client) => callControl(client, 'clock'),
    show,
  })
  controlCommand(clock, ctx, {
    spec: 'advance <by>',
    description: 'move the clock forward: 90m, 36h, 30d, 1h30m or seconds; what became due (jobs, charges, sweeps) happens before it answers, unless jobs run at manual speed',
    ask: (client, [by]) => callControl(client, 'clock/advance', { method: 'POST', params: { by: by! } }),
    show,
  })
  controlCommand(clock, ctx, {
    spec: 'set <time>',
    description: 'put the clock at a UTC time (YYYY-MM-DDThh:mm:ssZ), never before the time it shows',
    ask: (client, [time], options) => callControl(client, 'clock/set', { method: 'POST', params: { time: time!, ...(options.freeze ? { freeze: '1' } : {}) } }),
    show,
  }).option('--freeze', 'stop the clock there (until advanced, set or resumed)')
  controlCommand(clock, ctx, {
    spec: 'resume',
    description: 'let a frozen clock run again from where it stands',
    ask: (client) => callControl(client, 'clock/resume', { method: 'POST' }),
    show,
  })
}

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
