// The shape every control-API command of the CLI shares (`health`, `clock …`, `state …`): signed
// with an administrator's credentials file (the data directory's admin.yaml by default, -f for
// another), the CA of an https server (--ca, or tls/ca.pem beside the credentials), `--json` for the
// whole reply. A reply whose ret_code is not 0 is printed as it is and exits 1; no answer, or a local
// file that cannot be read or written, exits 2 with the reason (and what to check when nothing
// answered).
import type { Command } from 'commander'
import { defaultAdminCredentialsPath } from '../config.ts'
import { type ClientOptions, UnreachableError } from './client.ts'
import { clientOf, type Credentials, readCredentials } from './credentials.ts'

export type ControlReply = Record<string, unknown>

export interface ControlCliContext {
  io: { out(text: string): void; err(text: string): void; env: Record<string, string | undefined> }
  state: { exitCode: number }
  /** What to check when the server named by a credentials file does not answer (program.ts). */
  unreachableHint: (file: string, credentials?: Credentials) => string
}

export interface ControlCommandSpec {
  /** commander's spec: the name and its arguments, e.g. `advance <by>`. */
  spec: string
  description: string
  /** Asks the server; `args` are the command's arguments in order, `options` its parsed options. */
  ask(client: ClientOptions, args: string[], options: Record<string, unknown>): Promise<ControlReply>
  /** A successful reply as text (without --json). */
  show(reply: ControlReply, args: string[]): string
}

/** Adds one control command under `parent` and returns it (for more options or sub-commands). */
export function controlCommand(parent: Command, ctx: ControlCliContext, command: ControlCommandSpec): Command {
  const { io, state } = ctx
  const sub = parent
    .command(command.spec)
    .description(command.description)
    .option('-f, --credentials <file>', 'qingcloud-cli style credentials file of an administrator', defaultAdminCredentialsPath(io.env))
    .option('--ca <file>', 'PEM CA certificate to trust for an https server (default: tls/ca.pem beside the credentials file)')
    .option('--json', 'print the whole reply as JSON')
  // the full name in error lines: `qinglocal state export: …`
  const name = [parent.name(), sub.name()].filter((n) => n !== 'qinglocal').join(' ')
  sub.action(async (...received: unknown[]) => {
    const args = received.slice(0, sub.registeredArguments.length) as string[]
    const options = sub.opts<{ credentials: string; ca?: string; json?: boolean } & Record<string, unknown>>()
    let credentials: Credentials | undefined
    try {
      credentials = readCredentials(options.credentials, { ca: options.ca })
      const reply = await command.ask(clientOf(credentials), args, options)
      if (reply.ret_code !== 0) {
        io.out(`${JSON.stringify(reply, null, 2)}\n`)
        state.exitCode = 1
        return
      }
      io.out(options.json ? `${JSON.stringify(reply, null, 2)}\n` : command.show(reply, args))
    } catch (error) {
      io.err(`qinglocal ${name}: ${(error as Error).message}\n`)
      if (error instanceof UnreachableError) io.err(`${ctx.unreachableHint(options.credentials, credentials)}\n`)
      state.exitCode = 2
    }
  })
  return sub
}
