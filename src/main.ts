// serve: loadConfig → open the store → migrate → bootstrap → buildApp → listen → graceful stop.
import cluster from 'node:cluster'
import { existsSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import pino from 'pino'
import { buildApp } from './app.ts'
import { bootstrap, loadMasterKey, setConsolePasswords, writeCredentialFiles, type BootstrapCredentials } from './bootstrap.ts'
import { loadConfig, type Config, type ConfigSources } from './config.ts'
import { realTimeMs, systemClock } from './lib/clock.ts'
import { ensurePrivateDir } from './lib/private-files.ts'
import { idGenerator, seededIdGenerator, type IdGenerator } from './lib/ids.ts'
import type { SecretBox } from './lib/secret-box.ts'
import { clusterMetrics, startWorkers, type WorkerMessage } from './workers.ts'
import { serverTls, type ServerTls } from './tls.ts'
import { JobRunner } from './features/jobs/job-runner.ts'
import { platformClock } from './features/virtual-clock/virtual-clock.ts'
import { runBillingTick, type TickResult } from './features/billing/billing-ticker.ts'
import { loadLicenseAtStartup, type StartupLicense } from './features/licenses/license-file.ts'
import { modules } from './modules.ts'
import { lockers } from './lockers.ts'
import { runInitHooks, type InitHookResult } from './init-hooks.ts'
import { redactUrl } from './lib/cause.ts'
import { prettyDestination, resolveLogFormat, type LineSink } from './lib/pretty-log.ts'
import { openStore, parseDatabaseUrl, type Store } from './store/store.ts'
import { INITIAL_SNAPSHOT, removeAbandonedTemporaries, writeSnapshot } from './control/state-snapshots.ts'

export interface Server {
  url: string
  close(): Promise<void>
  /** The init hooks (<data>/init/ready.d/) this start runs: their outcomes once every one has ended. */
  initHooks?: Promise<InitHookResult[]>
}

/** Paths the logger must never print, whatever an object passed to it contains. */
const REDACT = [
  ...['secret_access_key', 'qy_secret_access_key', 'secretAccessKey', 'password', 'old_password', 'new_password', 'login_passwd', 'token', 'session_token', 'invite_code'].flatMap((k) => [k, `*.${k}`]),
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
]

/** The server's logger: pino at `level`, with every known secret field redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } }, destination)
}

/**
 * The logger of a command's process, by `logFormat`: JSON lines, or (auto on a terminal, or asked
 * for) human lines, coloured only on a terminal without NO_COLOR. Redaction applies either way:
 * the pretty destination only reformats what pino has already redacted.
 */
export function createProcessLogger(config: Pick<Config, 'logLevel' | 'logFormat' | 'noColor'>, out: LineSink & { isTTY?: boolean } = process.stdout): pino.Logger {
  const tty = out.isTTY === true
  if (resolveLogFormat(config.logFormat, tty) === 'json') return createLogger(config.logLevel, out === process.stdout ? undefined : (out as pino.DestinationStream))
  return createLogger(config.logLevel, prettyDestination(out, tty && !config.noColor))
}

export interface ServeOptions {
  /**
   * May this process fork workers (node:cluster re-runs this process's command line)? Only the
   * `qinglocal` command says yes; serve() called as a function (tests, embedders) serves in the
   * calling process, whatever `workers` says.
   */
  fork?: boolean
}

/** The environment variable that tells a process forked by `serve` which worker it is (0 runs the periodic sweeps). */
const WORKER_INDEX = 'QINGLOCAL_WORKER_INDEX'

export async function serve(sources: ConfigSources = {}, options: ServeOptions = {}): Promise<Server> {
  const config = loadConfig(sources)
  const logger = createProcessLogger(config)
  const index = sources.env?.[WORKER_INDEX]
  if (cluster.isWorker && index !== undefined) return serveWorker(config, logger.child({ worker: Number(index) }), Number(index))
  // the data directory holds the database and master.key: its owner's only (0700), umask or not
  ensurePrivateDir(config.dataDir)

  const store = await openStore(config.databaseUrl)
  let app: FastifyInstance | undefined
  let prepared: Prepared
  try {
    prepared = await prepare(store, config, logger)
    // made (self-signed) once, here: the workers each read the same files
    const tls = prepared.tls
    if (config.workers > 1 && options.fork) {
      // the store was made ready once, here; every worker opens its own
      await store.close()
      const primary = await startWorkers({ count: config.workers, indexVariable: WORKER_INDEX, logger })
      const files = announce(config, logger, store.description, prepared, primary.port, `${config.workers} processes on one port (pids ${primary.pids().join(', ')})`)
      // /readyz answers 200 only now: a client that waits for it finds the credential files written
      primary.ready()
      const url = `${schemeOf(tls)}://${clientHostOf(config)}:${primary.port}`
      // the hooks run here, in the primary, once: never in a worker
      const hooks = startInitHooks(config, logger, url, files)
      return { url, close: () => hooks.stop().then(primary.close), initHooks: hooks.done }
    }
    app = await buildApp({ store, clock: systemClock, ids: prepared.ids, box: prepared.box, logger, config: { ...config, snapshotsDir: snapshotsDirOf(config) }, modules, https: tls })
    await app.listen({ host: config.host, port: config.port })
  } catch (error) {
    // a start-up that fails (wrong master key, port in use, …) must not leave the store open
    await app?.close()
    await store.close()
    throw error
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const files = announce(config, logger, store.description, prepared, port, 'one process')
  const url = `${schemeOf(prepared.tls)}://${clientHostOf(config)}:${port}`
  const hooks = startInitHooks(config, logger, url, files)

  let closing: Promise<void> | undefined
  return {
    url,
    close: () =>
      (closing ??= (async () => {
        await hooks.stop() // a hook still running is stopped before the server it talks to
        await app.close() // stops accepting, lets in-flight requests finish
        await store.close()
      })()),
    initHooks: hooks.done,
  }
}

/** Runs the init hooks in the background (the server already answers); stop() ends a run still going and waits for it. */
function startInitHooks(config: Readonly<Config>, logger: pino.Logger, baseUrl: string, credentialFiles: Record<'user' | 'admin', string>) {
  const abort = new AbortController()
  const done = runInitHooks({ dataDir: config.dataDir, baseUrl, credentialFiles, timeoutMs: config.initHookTimeoutMs, logger: logger.child({ component: 'init-hooks' }), signal: abort.signal })
  return {
    done,
    stop: async () => {
      abort.abort()
      await done
    },
  }
}

/** What start-up makes once, before anything serves: the migrated store's master key, ids, bootstrap credentials and license. */
interface Prepared {
  box: SecretBox
  ids: IdGenerator
  credentials: BootstrapCredentials[]
  license: StartupLicense
  /** Where the first start wrote the bootstrap accounts' console passwords (undefined: never). */
  consolePasswords: string | undefined
  /** The certificate and key when the server speaks HTTPS. */
  tls: ServerTls | undefined
}

/** A temporary state file not written to for this long belongs to no live write. */
const ABANDONED_AFTER_MS = 10 * 60_000

/** Where the state controls keep named snapshots. */
const snapshotsDirOf = (config: Readonly<Config>) => join(config.dataDir, 'snapshots')

async function prepare(store: Store, config: Readonly<Config>, logger: pino.Logger): Promise<Prepared> {
  // made by this start: once bootstrapped, it is what `state reset` goes back to
  const fresh = !(await store.isCreated())
  await store.migrate()
  const box = loadMasterKey(config.dataDir)
  const ids = config.seed === undefined ? idGenerator() : seededIdGenerator(config.seed)
  // a platform whose clock was moved (features/virtual-clock) bootstraps and checks its license at its own time
  const clock = await platformClock(store, systemClock)
  const userKey = config.accessKeyId ? { access_key_id: config.accessKeyId, secret_access_key: config.secretAccessKey } : undefined
  const credentials = await bootstrap(store, { box, clock, ids, zones: config.zones, hosts: config, bootstrapBalance: config.bootstrapBalance, eipPoolSize: config.eipPoolSize, userKey })
  // the fixed key applies to a fresh data directory only: say so rather than let a test sign with a key the store never had
  const user = credentials.find((c) => c.role === 'user')
  if (userKey && user && user.access_key_id !== userKey.access_key_id) logger.warn(`accessKeyId (QINGLOCAL_ACCESS_KEY_ID) is ignored: the data directory ${config.dataDir} already has its bootstrap user, whose key is ${user.access_key_id}`)
  // an unusable license key or license file stops start-up here, with a message naming the setting
  const license = await loadLicenseAtStartup(store, config, clock)
  if (license.warning) logger.warn(license.warning)
  const consolePasswords = await setConsolePasswords(store, credentials, config.dataDir)
  if (fresh) await writeSnapshot({ store, box, clock: systemClock }, snapshotsDirOf(config), INITIAL_SNAPSHOT)
  // a snapshot or import a crash cut off (a write in progress keeps its file's time fresh)
  removeAbandonedTemporaries(snapshotsDirOf(config), new Date(realTimeMs() - ABANDONED_AFTER_MS))
  const tls = await serverTls(config)
  return { box, ids, credentials, license, consolePasswords, tls }
}

/**
 * One of `serve --workers N`'s processes: the primary has migrated and bootstrapped the store, so
 * a worker opens its own connection (SQLite file or PostgreSQL pool), builds the app and listens on
 * the shared port. Worker 0 also runs the periodic sweeps and the billing ticker; every worker runs
 * jobs. /readyz says ready once the primary reports every worker listening.
 */
async function serveWorker(config: Readonly<Config>, logger: pino.Logger, index: number): Promise<Server> {
  const store = await openStore(config.databaseUrl)
  let app: FastifyInstance | undefined
  let ready = false
  let server: Server | undefined
  // the primary's orders: every worker listens (ready), or stop gracefully (it is shutting down)
  const onMessage = (message: unknown) => {
    if ((message as WorkerMessage)?.qinglocal === 'ready') ready = true
    if ((message as WorkerMessage)?.qinglocal === 'stop') void (server?.close() ?? Promise.resolve()).then(() => process.exit(0))
  }
  try {
    if (!(await store.isMigrated())) throw new Error('the store is not migrated (the primary process migrates it before it starts workers)')
    const box = loadMasterKey(config.dataDir)
    // the primary made any self-signed files before it forked: this reads them
    const https = await serverTls(config)
    app = await buildApp({ store, clock: systemClock, ids: idGenerator(), box, logger, config: { ...config, snapshotsDir: snapshotsDirOf(config) }, modules, https, periodic: index === 0, ready: () => ready, metricsText: clusterMetrics })
    process.on('message', onMessage)
    await app.listen({ host: config.host, port: config.port })
  } catch (error) {
    await app?.close()
    await store.close()
    throw error
  }
  let closing: Promise<void> | undefined
  server = {
    url: '',
    close: () =>
      (closing ??= (async () => {
        process.off('message', onMessage)
        await app.close()
        await store.close()
      })()),
  }
  // the primary is gone (killed outright): a worker must not serve on without it
  const stopped = server
  process.once('disconnect', () => void stopped.close().then(() => process.exit(0)))
  return stopped
}

/** A wildcard listen address is not something a client can connect to. */
const clientHostOf = (config: Readonly<Config>) => (['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host)

const schemeOf = (tls: ServerTls | undefined) => (tls ? 'https' : 'http')

/** The credential files (with the port now known), the log line and the start-up banner. */
function announce(config: Readonly<Config>, logger: pino.Logger, storeDescription: string, { credentials, license, consolePasswords, tls }: Prepared, port: number, processes: string): Record<'admin' | 'user', string> {
  const clientHost = clientHostOf(config)
  const scheme = schemeOf(tls)
  const files = writeCredentialFiles(config.dataDir, credentials, { host: clientHost, port, zone: config.zones[0]!, protocol: scheme })
  logger.info({ store: storeDescription, url: `${scheme}://${clientHost}:${port}/iaas/`, zones: config.zones, workers: config.workers, tls: tls ? (tls.caFile ?? config.tlsCert) : undefined }, 'qinglocal is serving')

  const show = (p: string) => relative(process.cwd(), p) || p
  const byRole = Object.fromEntries(credentials.map((c) => [c.role, c]))
  process.stdout.write(
    [
      '',
      `  QingLocal API   ${scheme}://${clientHost}:${port}/iaas/   zones: ${config.zones.join(', ')}`,
      `  console         ${scheme}://${clientHost}:${port}/console/   sign in as user@qinglocal.local or admin@qinglocal.local${consolePasswords ? `, passwords in ${show(consolePasswords)}` : ''}`,
      `  store           ${storeDescription}`,
      ...(tls ? [`  tls             ${tls.caFile ? `self-signed for localhost, 127.0.0.1, ::1; trust the CA in ${show(tls.caFile)}` : `certificate ${show(config.tlsCert)}`}`] : []),
      `  workers         ${processes}`,
      `  license         ${license.summary}`,
      `  user            access key ${byRole.user?.access_key_id ?? '?'} (${byRole.user?.user_id ?? '?'})  credentials: ${show(files.user)}`,
      `  admin           access key ${byRole.admin?.access_key_id ?? '?'} (${byRole.admin?.user_id ?? '?'})  credentials: ${show(files.admin)}`,
      '',
      // `qinglocal call` finds ./data/config.yaml by itself; any other data directory must be named
      resolve(config.dataDir) === resolve('data') ? `  try:  npx qinglocal call DescribeZones            (signs with ${show(files.user)})` : `  try:  npx qinglocal call DescribeZones -f ${show(files.user)}`,
      `        qingcloud iaas describe-jobs -f ${show(files.user)}`,
      '',
      '',
    ].join('\n'),
  )
  return files
}

/**
 * The store of a platform `qinglocal serve` made. Jobs step and billing tick never create one: a
 * mistyped data directory would otherwise give them an empty database and nothing to do.
 */
async function openServedStore(config: Readonly<Config>): Promise<Store> {
  const parsed = parseDatabaseUrl(config.databaseUrl)
  if (parsed?.kind === 'sqlite' && parsed.file !== ':memory:') {
    const file = resolve(parsed.file)
    if (file === join(config.dataDir, 'qinglocal.db') && !existsSync(config.dataDir)) {
      throw new Error(`the data directory ${config.dataDir} does not exist (check --data or QINGLOCAL_DATA; qinglocal serve creates it)`)
    }
    if (!existsSync(file)) throw new Error(`there is no database at ${file} (check --data, QINGLOCAL_DATA or DATABASE_URL; qinglocal serve creates it)`)
  }
  const store = await openStore(config.databaseUrl)
  try {
    if (!(await store.isCreated())) throw new Error(`the database ${redactUrl(config.databaseUrl)} holds no QingLocal platform (qinglocal serve creates it)`)
    await store.migrate()
    return store
  } catch (error) {
    await store.close()
    throw error
  }
}

/** `qinglocal billing tick`: one run of the billing ticker against the server's store (manual job speed). */
export async function tickBilling(sources: ConfigSources): Promise<TickResult> {
  const config = loadConfig(sources)
  const store = await openServedStore(config)
  try {
    // the platform's time: a clock moved through the control API is followed here too
    return await runBillingTick({ store, clock: await platformClock(store, systemClock), ids: config.seed === undefined ? idGenerator() : seededIdGenerator(config.seed), lockers })
  } finally {
    await store.close()
  }
}

/**
 * `qinglocal jobs step`: takes every unfinished job one phase further (or to its end), from any
 * process that can reach the store. With QINGLOCAL_JOB_SPEED=manual the server never moves jobs
 * itself, so automation under test decides exactly when they progress.
 */
export async function stepJobs(sources: ConfigSources, options: { untilDone: boolean }): Promise<number> {
  const config = loadConfig(sources)
  const logger = createProcessLogger(config)
  const store = await openServedStore(config)
  try {
    const clock = await platformClock(store, systemClock)
    const runner = new JobRunner({
      store,
      clock,
      syncClock: () => clock.refresh(),
      ids: config.seed === undefined ? idGenerator() : seededIdGenerator(config.seed),
      log: logger as unknown as FastifyBaseLogger,
      speed: 'manual',
      actions: new Map(modules.flatMap((m) => [...m.actions])),
      // ImportImage's download runs in the job's work step: it needs the warehouse and import settings
      settings: config,
      lockers,
    })
    if (!options.untilDone) return await runner.step()
    let moved = 0
    for (let n = await runner.step(); n > 0; n = await runner.step()) moved += n
    return moved
  } finally {
    await store.close()
  }
}
