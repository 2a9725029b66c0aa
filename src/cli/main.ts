// The `qinglocal` command's entry (bin/qinglocal.mjs loads it): the commands are in program.ts,
// where tests run them in-process.
import { runCli } from './program.ts'

process.exitCode = await runCli(process.argv.slice(2))
