// `qinglocal <args>` in this process (runCli with captured output): its exit code and what it printed.
import { runCli } from '../../src/cli/program.ts'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** `env` is all the environment the command sees (QINGLOCAL_DATA for the default credentials files); `errIsTTY` makes stderr a terminal (progress lines). */
export async function runQinglocal(args: string[], env: Record<string, string | undefined> = {}, options: { errIsTTY?: boolean } = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    out: (text) => {
      stdout += text
    },
    err: (text) => {
      stderr += text
    },
    env,
    errIsTTY: options.errIsTTY ?? false,
  })
  return { code, stdout, stderr }
}
