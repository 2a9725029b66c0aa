// The `qinglocal` command: `serve` runs the platform, `call` signs and sends one API request (and
// with --wait follows its jobs; an unknown action gets the nearest names), `actions` lists the
// actions with their parameters, `configure` writes a qingcloud-cli profile, `coverage` lists the
// documented QingCloud actions as implemented or not, `health` asks a running server's control API
// (signed with the admin key) how it stands, `clock` shows and moves the platform's virtual clock
// (src/cli/clock.ts), `cluster deploy` deploys an app version from a
// configuration file, `license keygen` / `license issue` make vendor keys and license certificates.
// Every command that signs takes `-f, --credentials <file>`, as the qingcloud CLI does.
import nodeCluster from 'node:cluster'
import { Command, CommanderError, InvalidArgumentError } from 'commander'
import { ConfigError, defaultCredentialsPath, type ConfigInput, type ConfigSources } from '../config.ts'
import { loadCatalog, renderCatalog } from './catalog.ts'
import { callApi, callControl, UnreachableError } from './client.ts'
import { addClockCommand } from './clock.ts'
import { writeProfile } from './configure.ts'
import { didYouMean, nearestNames } from './suggest.ts'
import { jobIdsOf, waitForJobs } from './wait-jobs.ts'
import { deployCluster } from './cluster-deploy.ts'
import { controlCommand } from './control-command.ts'
import { addStateCommands } from './state.ts'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, relative } from 'node:path'
import { ed25519PrivateKey, generateVendorKeys, issueCertificate } from '../features/licenses/certificate.ts'
import { formatTime, systemClock } from '../lib/clock.ts'
import { clientOf, readCredentials, type Credentials } from './credentials.ts'

/** Where a command writes and which environment it reads: the process's, or a test's. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
  env: Record<string, string | undefined>
  /** stderr is a terminal (progress lines are rewritten in place); false when not given. */
  errIsTTY?: boolean
}

const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  env: process.env,
  errIsTTY: process.stderr.isTTY === true,
}

// The server (fastify, Kysely, the drivers, every feature) loads only for the commands that run it:
// `call`, `--version` and the license tools start without it.
const loadServer = () => import('../main.ts')

/**
 * The project's copy of QingCloud's documented action list, shipped with the package. Named from
 * here rather than from coverage-doc.ts: dist/cli/ keeps src/cli/'s depth, so this path holds both
 * from the sources and from the bundle (whose chunks all sit in dist/cli/).
 */
const DOCUMENTED_ACTIONS = new URL('../../test/fixtures/qingcloud-actions.tsv', import.meta.url)

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version

/** Where `license keygen` writes by default: outside any checkout, in the user's configuration directory. */
export function defaultKeyDir(env: CliIo['env']): string {
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'qinglocal')
}

/** Runs `qinglocal <args>` and resolves to its exit code (`serve` resolves once it is listening). */
export async function runCli(args: string[], io: CliIo = processIo): Promise<number> {
  const state = { exitCode: 0 }
  try {
    await buildProgram(io, state).parseAsync(args, { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode
    throw error
  }
  return state.exitCode
}

function buildProgram(io: CliIo, state: { exitCode: number }): Command {
  const errorLine = (text: string) => io.err(`${text}\n`)
  // health, clock and state ask the control API alike (control-command.ts)
  const controlCli = { io, state, unreachableHint }
  const program = new Command('qinglocal')
    .description('A self-hosted QingCloud-compatible IaaS API')
    .version(VERSION, '-V, --version', 'print the version')
    // `cluster deploy --version` is the app version's: root options only before the sub-command
    .enablePositionalOptions()
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })

  program
    .command('serve')
    .description('start the API server (embedded SQLite store unless DATABASE_URL says otherwise)')
    .option('-c, --config <file>', 'YAML configuration file (also QINGLOCAL_CONFIG)')
    .option('--host <host>', 'address to listen on (QINGLOCAL_HOST, default 127.0.0.1)')
    .option('-p, --port <port>', 'port to listen on (QINGLOCAL_PORT, default 7777)')
    .option('-d, --data <dir>', 'data directory (QINGLOCAL_DATA, default ./data)')
    .option('--database-url <url>', 'sqlite:<file>, sqlite::memory: or postgres://… (DATABASE_URL)')
    .option('--zones <list>', 'comma-separated zones to offer (QINGLOCAL_ZONES, default pek3a,sh1a)')
    .option('--timestamp-window <seconds>', 'accepted time_stamp skew (QINGLOCAL_TIMESTAMP_WINDOW, default 60)')
    .option('--job-speed <speed>', 'realistic | instant | manual (QINGLOCAL_JOB_SPEED)')
    .option('--log-level <level>', 'fatal | error | warn | info | debug | trace | silent (QINGLOCAL_LOG_LEVEL)')
    .option('--debug-signatures', 'log the expected string-to-sign when a signature fails (QINGLOCAL_DEBUG_SIGNATURES)')
    .option('--seed <n>', 'repeatable resource ids (QINGLOCAL_SEED)')
    .option('-w, --workers <n>', 'server processes on the one port (QINGLOCAL_WORKERS, default one per core; 1 with --seed or sqlite::memory:)')
    .option('--tls-cert <file>', 'serve HTTPS with this PEM certificate (QINGLOCAL_TLS_CERT; needs --tls-key)')
    .option('--tls-key <file>', 'the PEM private key of --tls-cert (QINGLOCAL_TLS_KEY)')
    .option('--tls-self-signed', 'serve HTTPS with a local CA and localhost certificate made once into <data>/tls/ (QINGLOCAL_TLS_SELF_SIGNED)')
    .action(async (options) => {
      const overrides: ConfigInput = {
        host: options.host,
        port: options.port,
        dataDir: options.data,
        databaseUrl: options.databaseUrl,
        zones: options.zones,
        timestampWindowSeconds: options.timestampWindow,
        jobSpeed: options.jobSpeed,
        logLevel: options.logLevel,
        debugSignatures: options.debugSignatures,
        seed: options.seed,
        workers: options.workers,
        tlsCert: options.tlsCert,
        tlsKey: options.tlsKey,
        tlsSelfSigned: options.tlsSelfSigned,
      }
      try {
        // the command may fork workers: each re-runs this command line (node:cluster)
        const server = await (await loadServer()).serve({ env: io.env, file: options.config, overrides }, { fork: true })
        let stopping = false
        const stop = (signal: string) => {
          if (stopping) return
          stopping = true
          // a terminal's Ctrl-C reaches every worker too: the primary speaks for them
          if (!nodeCluster.isWorker) process.stdout.write(`\n${signal}: finishing in-flight requests…\n`)
          server.close().then(
            () => process.exit(0),
            (error) => {
              console.error(error)
              process.exit(1)
            },
          )
        }
        process.on('SIGINT', () => stop('SIGINT'))
        process.on('SIGTERM', () => stop('SIGTERM'))
      } catch (error) {
        errorLine(error instanceof ConfigError ? error.message : `qinglocal could not start: ${(error as Error).message}`)
        process.exit(1)
      }
    })

  /** A command that works on the server's store by hand: one sub-command, the store options, exit 2 on failure. */
  const storeCommand = (name: string, sub: string, description: string, run: (sources: ConfigSources, options: Record<string, unknown>) => Promise<string>) =>
    program
      .command(name)
      .description(description)
      .argument(`<${sub}>`, `the only sub-command: ${sub}`)
      .option('-c, --config <file>', 'YAML configuration file (also QINGLOCAL_CONFIG)')
      .option('-d, --data <dir>', 'data directory (QINGLOCAL_DATA, default ./data)')
      .option('--database-url <url>', "the server's store (DATABASE_URL)")
      .action(async (given: string, options) => {
        if (given !== sub) {
          errorLine(`unknown ${name} sub-command "${given}", expected: ${sub}`)
          state.exitCode = 2
          return
        }
        try {
          io.out(await run({ env: io.env, file: options.config, overrides: { dataDir: options.data, databaseUrl: options.databaseUrl, logLevel: 'warn' } }, options))
        } catch (error) {
          errorLine(error instanceof ConfigError ? error.message : `qinglocal ${name} ${sub} failed: ${(error as Error).message}`)
          state.exitCode = 2
        }
      })

  storeCommand('jobs', 'step', 'move asynchronous jobs on by hand (for QINGLOCAL_JOB_SPEED=manual)', async (sources, options) => {
    const moved = await (await loadServer()).stepJobs(sources, { untilDone: options.untilDone === true })
    return `${moved} job phase(s) taken\n`
  }).option('--until-done', 'repeat until no job is pending or working')

  storeCommand('billing', 'tick', 'run the billing ticker once: charge every hour that has begun (the server does this every minute unless QINGLOCAL_JOB_SPEED=manual)', async (sources) => {
    const result = await (await loadServer()).tickBilling(sources)
    return `billing: ${result.users} user(s) settled, ${result.suspended} lease(s) suspended, ${result.resumed} resumed\n`
  })

  program
    .command('call')
    .description('sign and send one API request, print the JSON reply (exit 1 when ret_code is not 0)')
    .argument('<action>', 'API action, e.g. DescribeZones')
    .argument('[params...]', 'parameters as key=value; lists as name.1=a name.2=b')
    .option(...credentialsOption(io))
    .option('-z, --zone <zone>', 'zone (default: the zone in the credentials file)')
    .option('-m, --module <name>', 'API module to sign for, e.g. admin (default: iaas, or the uri in the credentials file)', moduleName)
    .option('--post', 'send a form-encoded POST instead of GET')
    .option('--wait', 'when the reply names jobs (job_id, job_ids), follow them with DescribeJobs: exit 0 when all succeed, 1 when one fails, 3 on timeout')
    .option('--timeout <duration>', 'how long --wait waits: seconds, or 90s, 10m, 1h', duration, 600_000)
    .option('--poll <duration>', 'how often --wait asks: seconds, or 500ms, 2s', duration, 1000)
    .option(...caOption)
    .action(async (action: string, params: string[], options) => {
      let credentials: Credentials | undefined
      try {
        credentials = readCredentials(options.credentials, { ca: options.ca })
        const wire = params.reduce<Record<string, string>>((all, p) => keyValue(p, all), {})
        const zone = options.zone ?? credentials.zone
        if (zone !== undefined && wire.zone === undefined) wire.zone = zone
        const client = { ...clientOf(credentials), uri: options.module ? `/${options.module}/` : credentials.uri }
        const reply = await callApi({ ...client, method: options.post ? 'POST' : 'GET' }, action, wire)
        io.out(JSON.stringify(reply, null, 2) + '\n')
        if (reply.ret_code !== 0) {
          state.exitCode = 1
          const hint = await unknownActionHint(action, reply)
          if (hint) errorLine(hint)
          return
        }
        if (!options.wait) return
        const jobs = jobIdsOf(reply)
        if (jobs.length === 0) return
        state.exitCode = await waitForJobs(jobs, { client, zone: wire.zone, timeoutMs: options.timeout, pollMs: options.poll, err: io.err, tty: io.errIsTTY === true })
      } catch (error) {
        errorLine(`qinglocal call: ${(error as Error).message}`)
        if (error instanceof UnreachableError && credentials) errorLine(unreachableHint(options.credentials, credentials))
        state.exitCode = 2
      }
    })

  program
    .command('actions')
    .description("list the server's actions with their parameters (name, type, required), from the schemas it validates with")
    .argument('[filter]', 'only actions whose name contains this (any case)')
    .option('-m, --module <name>', 'only this API module (iaas, account, admin)')
    .option('--json', 'print JSON: [{ module, name, params: [{ name, type, required }] }]')
    .action(async (filter: string | undefined, options) => {
      const wanted = filter?.toLowerCase()
      const actions = (await loadCatalog()).filter((a) => (!wanted || a.name.toLowerCase().includes(wanted)) && (!options.module || a.module === options.module))
      if (actions.length === 0) {
        errorLine(`no action${filter ? ` contains "${filter}"` : ''}${options.module ? ` in module ${options.module}` : ''}`)
        state.exitCode = 1
        return
      }
      io.out(options.json ? `${JSON.stringify(actions, null, 2)}\n` : renderCatalog(actions))
    })

  program
    .command('configure')
    .description('write a qingcloud-cli profile for the server whose data directory this is (its credentials, host, port and zone)')
    .option('-d, --data <dir>', "the server's data directory (QINGLOCAL_DATA, default ./data)")
    .option('-o, --output <file>', 'where to write (default: ~/.qingcloud/config.yaml, where qingcloud-cli looks)')
    .option('--admin', "the administrator's key (admin.yaml) instead of the user's (config.yaml)")
    .option('-z, --zone <zone>', "the profile's zone (default: the server's first zone)")
    .option('--force', 'replace an existing file')
    .action((options) => {
      try {
        const written = writeProfile({ dataDir: options.data ?? (io.env.QINGLOCAL_DATA || './data'), admin: options.admin === true, output: options.output, force: options.force === true, zone: options.zone, env: io.env })
        io.out(`wrote ${written.path} (${options.admin ? 'admin' : 'user'} key, ${written.baseUrl})\n`)
      } catch (error) {
        errorLine(`qinglocal configure: ${(error as Error).message}`)
        state.exitCode = 2
      }
    })

  program
    .command('coverage')
    .description('list every documented QingCloud API action as implemented or not, per group with percentages (the table of docs/coverage.md)')
    .option('-g, --group <group>', 'only this documentation group, e.g. keypair')
    .option('--json', 'print the report as JSON')
    .action(async (options: { group?: string; json?: boolean }) => {
      try {
        // the registry: every feature's actions (loads the server's code, not a server)
        const { coverageReport, readDocumentedActions } = await import('../coverage-doc.ts')
        const report = coverageReport(undefined, readDocumentedActions(DOCUMENTED_ACTIONS))
        if (options.group !== undefined) {
          const group = report.groups.find((g) => g.group === options.group)
          if (!group) {
            errorLine(`qinglocal coverage: no documented group "${options.group}"; the groups are ${report.groups.map((g) => g.group).join(', ')}`)
            state.exitCode = 2
            return
          }
          io.out(options.json ? `${JSON.stringify(group, null, 2)}\n` : coverageText([group]))
          return
        }
        if (options.json) {
          io.out(`${JSON.stringify(report, null, 2)}\n`)
          return
        }
        const own = report.qinglocal_only.map((a) => `  /${a.module}/ ${a.action}\n`).join('')
        io.out(`${report.implemented} of ${report.documented} documented QingCloud actions implemented (${report.percent})\n\n${coverageText(report.groups)}QingLocal-only actions (not in the documented list):\n${own}`)
      } catch (error) {
        errorLine(`qinglocal coverage: ${(error as Error).message}`)
        state.exitCode = 2
      }
    })

  controlCommand(program, controlCli, {
    spec: 'health',
    description: "ask a running server how it stands (the control API's /_qinglocal/health, signed with the admin key): version, store, uptime, features, modules, clock, jobs, maintenance, license, init hooks",
    ask: (client) => callControl(client, 'health'),
    show: (reply) => healthText(reply as unknown as HealthReply),
  })
  addClockCommand(program, controlCli)

  // ── cluster deploy: an AppCenter cluster from a configuration file (cluster-deploy.ts) ──

  const cluster = program.command('cluster').description('AppCenter clusters')

  cluster
    .command('deploy')
    .description('deploy an app version from a cluster configuration file (DeployAppVersion); prints the reply, or the refusal as name (code): message')
    .requiredOption('--conf <conf.json>', 'the cluster configuration (JSON: cluster, env, version)')
    .requiredOption('--version <appv-id>', 'the app version to deploy (DescribeAppVersions)')
    .option(...credentialsOption(io))
    .option('-z, --zone <zone>', 'zone (default: the zone in the credentials file)')
    .option('--charge-mode <mode>', 'elastic (default) or monthly')
    .option('--duration <term>', 'a monthly term: 1m…36m, 1y…3y')
    .option('--wait', 'wait until the cluster is active (or its job failed)')
    .option(...caOption)
    .action(async (options) => {
      try {
        const credentials = readCredentials(options.credentials, { ca: options.ca })
        const params: Record<string, string> = {}
        if (options.chargeMode) params.charge_mode = options.chargeMode
        if (options.duration) params.duration = options.duration
        state.exitCode = await deployCluster(
          {
            client: clientOf(credentials),
            confFile: options.conf,
            version: options.version,
            zone: options.zone ?? credentials.zone,
            params,
            wait: options.wait === true,
          },
          { out: io.out, err: io.err },
        )
      } catch (error) {
        errorLine(`qinglocal cluster deploy: ${(error as Error).message}`)
        if (error instanceof UnreachableError) errorLine(unreachableHint(options.credentials))
        state.exitCode = 2
      }
    })

  // ── license keygen / issue: the vendor's side of licensing (features/licenses/certificate.ts) ──

  const license = program.command('license').description('make vendor keys and sign license certificates (the platform trusts licensePublicKey)')

  license
    .command('keygen')
    .description("write a new Ed25519 vendor key pair as PEM files: <name>-private.pem (issues licenses, keep it secret) and <name>-public.pem (the platform's licensePublicKey)")
    .option('-o, --out <dir>', 'directory to write to (default: $XDG_CONFIG_HOME/qinglocal, else ~/.config/qinglocal)')
    .option('-n, --name <name>', 'file name prefix', 'license')
    .action((options) => {
      try {
        const keys = generateVendorKeys()
        // by default outside any checkout, so a vendor key is never committed by accident
        const out: string = options.out ?? defaultKeyDir(io.env)
        mkdirSync(out, { recursive: true, mode: 0o700 })
        const privatePath = join(out, `${options.name}-private.pem`)
        const publicPath = join(out, `${options.name}-public.pem`)
        // 'wx': an existing key is never overwritten (it may have issued licenses in use)
        writeFileSync(privatePath, keys.privateKey, { flag: 'wx', mode: 0o600 })
        writeFileSync(publicPath, keys.publicKey, { flag: 'wx', mode: 0o644 })
        io.out(`private key: ${privatePath}\npublic key:  ${publicPath}\n`)
      } catch (error) {
        errorLine(`qinglocal license keygen: ${(error as Error).message}`)
        state.exitCode = 2
      }
    })

  license
    .command('issue')
    .description('sign a license with the vendor private key and print the certificate (load it with the admin action LoadLicense or the licenseFile setting)')
    .requiredOption('-k, --private-key <file>', 'the vendor private key (PEM, from license keygen)')
    .requiredOption('--licensee <name>', 'who the license is for')
    .requiredOption('--platform-id <id>', 'the platform it is for (its platformId setting, QINGLOCAL_PLATFORM_ID)')
    .requiredOption('--expires <date>', 'when it expires: 2027-01-01 (midnight UTC) or 2027-01-01T08:00:00Z', licenseTime)
    .requiredOption('--max-hosts <n>', 'hosts the platform may have, counting every zone', positiveInt)
    .option('--features <list>', 'comma-separated feature names', '')
    .option('--issued <date>', 'issue time (default: now)', licenseTime)
    .action((options) => {
      try {
        const key = ed25519PrivateKey(readFileSync(options.privateKey, 'utf8'))
        const certificate = issueCertificate(
          {
            licensee: options.licensee,
            platform_id: options.platformId,
            issued: options.issued ?? formatTime(systemClock.now()),
            expires: options.expires,
            max_hosts: options.maxHosts,
            features: String(options.features)
              .split(',')
              .map((f) => f.trim())
              .filter(Boolean),
          },
          key,
        )
        io.out(certificate)
      } catch (error) {
        errorLine(`qinglocal license issue: ${(error as Error).message}`)
        state.exitCode = 2
      }
    })

  addStateCommands(program, controlCli)

  return program
}

/**
 * After a refusal of `action` as unknown (1101, "action [X] is not supported by module [m]"): the
 * nearest registered names, or the module that has it. The registry loads only here.
 */
async function unknownActionHint(action: string, reply: Record<string, unknown>): Promise<string | undefined> {
  const asked = /action \[.*\] is not supported by module \[(.*)\]$/.exec(String(reply.message ?? ''))?.[1]
  if (reply.ret_code !== 1101 || asked === undefined) return undefined
  const catalog = await loadCatalog()
  const elsewhere = catalog.find((a) => a.name === action && a.module !== asked)
  if (elsewhere) return `${action} is an action of module ${elsewhere.module}: add -m ${elsewhere.module}`
  const near = nearestNames(
    action,
    catalog.filter((a) => a.module === asked).map((a) => a.name),
  )
  if (near.length > 0) return didYouMean(near)
  const other = catalog.filter((a) => a.module !== asked)
  const nearOther = nearestNames(action, new Set(other.map((a) => a.name)))
  if (nearOther.length === 0) return undefined
  const moduleOf = (name: string) => other.find((a) => a.name === name)!.module
  return `${didYouMean(nearOther)} (${nearOther.map((n) => `${n}: -m ${moduleOf(n)}`).join(', ')})`
}

/** `90` (seconds), `90s`, `500ms`, `10m`, `1h` → milliseconds. */
function duration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim())
  if (!match) throw new InvalidArgumentError(`expected seconds or a duration such as 500ms, 90s, 10m, 1h, got "${text}"`)
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h']
  const ms = Math.round(Number(match[1]) * unit)
  if (ms <= 0) throw new InvalidArgumentError(`expected a duration above 0, got "${text}"`)
  return ms
}

/** What `qinglocal health` reads of the control API's reply (src/control/health.ts). */
interface HealthReply {
  version: string
  store: string
  uptime_seconds: number
  action_count: number
  modules: Array<{ module: string; action_count: number }>
  features: Array<{ feature: string; action_count: number }>
  jobs: { running: boolean; speed: string; work_in_progress: number; due: number }
  maintenance: { status: string; end_time: string | null; message: string }
  license: { status: string; host_count: number; host_limit: number }
  init_hooks: { state: string; hooks: Array<{ name: string; outcome: string; message: string }> }
}

function healthText(h: HealthReply): string {
  const modules = h.modules.map((m) => `/${m.module}/ ${m.action_count}`).join(', ')
  const maintenance = h.maintenance.status === 'on' ? `on until ${h.maintenance.end_time ?? 'stopped'}${h.maintenance.message ? ` (${h.maintenance.message})` : ''}` : 'off'
  const hooks = h.init_hooks.hooks.map((hook) => `  ${hook.name}: ${hook.outcome}${hook.outcome === 'succeeded' ? '' : ` (${hook.message})`}\n`).join('')
  return (
    [
      `QingLocal ${h.version}, up ${h.uptime_seconds}s, store ${h.store}`,
      `actions: ${h.action_count} (${modules})`,
      `features: ${h.features.map((f) => `${f.feature} ${f.action_count}`).join(', ')}`,
      `jobs: runner ${h.jobs.running ? 'running' : 'stopped'} (${h.jobs.speed}), ${h.jobs.due} due, ${h.jobs.work_in_progress} work step(s) in progress`,
      `maintenance: ${maintenance}`,
      `license: ${h.license.status}, ${h.license.host_count} of ${h.license.host_limit} hosts`,
      `init hooks: ${h.init_hooks.state}, ${h.init_hooks.hooks.length} hook(s)`,
    ].join('\n') + `\n${hooks}`
  )
}

/** Per group: `keypair  6 of 6 (100%)`, then each action as `yes  Name` or `no   Name`. */
function coverageText(groups: ReadonlyArray<{ group: string; implemented: number; documented: number; percent: string; actions: ReadonlyArray<{ action: string; implemented: boolean }> }>): string {
  return groups.map((g) => `${g.group}  ${g.implemented} of ${g.documented} (${g.percent})\n${g.actions.map((a) => `  ${a.implemented ? 'yes' : 'no '}  ${a.action}\n`).join('')}\n`).join('')
}

function keyValue(pair: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = pair.indexOf('=')
  if (at <= 0) throw new InvalidArgumentError(`expected key=value, got "${pair}"`)
  return { ...previous, [pair.slice(0, at)]: pair.slice(at + 1) }
}

/** A module is one path segment (`admin` → `/admin/`); the server answers 3300 for unknown ones. */
function moduleName(name: string): string {
  if (!/^[a-z][a-z0-9_-]*$/i.test(name)) throw new InvalidArgumentError(`expected a module name such as iaas or admin, got "${name}"`)
  return name
}

/** `2027-01-01` (midnight UTC) or a date-time with `Z` or an offset → `2027-01-01T00:00:00Z`. */
function licenseTime(text: string): string {
  const m = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? text : undefined
  const d = m === undefined ? undefined : new Date(m)
  if (!d || Number.isNaN(d.getTime())) throw new InvalidArgumentError(`expected a date like 2027-01-01 or 2027-01-01T08:00:00Z, got "${text}"`)
  return formatTime(d)
}

function positiveInt(text: string): number {
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) throw new InvalidArgumentError(`expected a whole number of at least 1, got "${text}"`)
  return Number(text)
}

/** `-f, --credentials <file>` on every command that signs, defaulting to the user file serve writes. */
/** For https servers: a CA to trust besides the system's (default: tls/ca.pem beside the credentials file, when there). */
const caOption: [string, string] = ['--ca <file>', 'PEM CA certificate to trust for an https server (default: tls/ca.pem beside the credentials file, as serve --tls-self-signed makes it)']

function credentialsOption(io: CliIo): [string, string, string] {
  return ['-f, --credentials <file>', 'qingcloud-cli style credentials file', defaultCredentialsPath(io.env)]
}

/** What to check when the server named by a credentials file does not answer. */
function unreachableHint(file: string, credentials?: Credentials): string {
  const where = credentials ? ` (it says ${credentials.baseUrl})` : ''
  const shown = relative(process.cwd(), file)
  return `  is \`qinglocal serve\` running there? Check host and port in the credentials file ${shown && !shown.startsWith('..') ? shown : file}${where}, or name another with -f`
}
