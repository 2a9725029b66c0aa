// buildApp: the HTTP face of QingLocal, built apart from listen() so tests inject requests.
// Request id on every reply and log line, one endpoint for every API module, health, readiness
// and Prometheus metrics.
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type { Logger } from 'pino'
import type { JobSpeed } from './config.ts'
import { ApiError } from './errors.ts'
import { adminOnly } from './features/accounts/admin-only.ts'
import { signatureOrSession } from './features/accounts/console-auth.ts'
import { serveConsole } from './console/static.ts'
import { registerControls } from './control/control-api.ts'
import { coverageControl } from './control/coverage.ts'
import { healthControl } from './control/health.ts'
import { clockControls } from './control/clock.ts'
import { platformClock, type VirtualClock } from './features/virtual-clock/virtual-clock.ts'
import { stateControls } from './control/state.ts'
import { keptCountsSwapRules } from './features/resources/kept-counts-swap.ts'
import { sessionAuth } from './features/accounts/session-auth.ts'
import { insertJob } from './features/jobs/job-repo.ts'
import { MailDelivery, queueMail } from './features/mail/outbox.ts'
import { replyFaultGate } from './features/faults/fault-gate.ts'
import { maintenanceGate } from './features/maintenance/maintenance-gate.ts'
import { ACTION_SETTING_KEYS, type ActionSettings } from './protocol/action.ts'
import { JobRunner } from './features/jobs/job-runner.ts'
import { signatureAuth } from './features/access-keys/authenticate.ts'
import { zoneCheck } from './features/zones/require-zone.ts'
import { rateLimiter } from './features/rate-limits/rate-limiter.ts'
import type { Clock } from './lib/clock.ts'
import type { IdGenerator } from './lib/ids.ts'
import type { MaybePromise } from './lib/maybe-promise.ts'
import type { SecretBox } from './lib/secret-box.ts'
import { lazyChildLoggerFactory } from './lib/lazy-logger.ts'
import { createMetrics } from './metrics.ts'
import type { Registry } from 'prom-client'
import { lockers as defaultLockers } from './lockers.ts'
import { modules as defaultModules } from './modules.ts'
import { type ApiModule, findModule } from './protocol/api-module.ts'
import type { Lockers } from './protocol/locks.ts'
import { apiHandler, sendError, type Admission } from './protocol/endpoint.ts'
import { answerOddRequests, clientErrorHandler, frameworkErrors } from './protocol/http-edges.ts'
import { DEFAULT_OVERLOAD_LIMITS, overloadGuard } from './protocol/overload.ts'
import type { Store } from './store/store.ts'
import type { TlsMaterial } from './tls.ts'

export interface AppDeps {
  store: Store
  clock: Clock
  ids: IdGenerator
  box: SecretBox
  logger: Logger
  config: AppConfig
  modules?: readonly ApiModule[]
  /** The lockers of the global lock order; tests may wrap the default ones (src/lockers.ts) to watch what is locked. */
  lockers?: Lockers
  /** `serve --workers N`: whether this worker runs the periodic sweeps and billing ticker (default true), and whether every worker listens yet (/readyz is 503 until then). */
  periodic?: boolean
  ready?: () => boolean
  /** How /metrics is made from this app's registry (workers: the sum over all of them); default the registry's own text. */
  metricsText?: (registry: Registry) => () => Promise<string>
  /** The built web console served at /console/ (default dist/console of the package). */
  consoleDir?: string
  /** Serve HTTPS with this certificate and key (src/tls.ts) instead of plain HTTP. */
  https?: TlsMaterial
}

export interface AppConfig extends ActionSettings {
  timestampWindowSeconds: number
  debugSignatures: boolean
  bodyLimitBytes: number
  jobSpeed: JobSpeed
  smtpUrl: string
  mailFrom: string
  /**
   * API rate limits (see features/rate-limits). `serve` passes the configured values; an app built
   * without them (tests, embedders) has no limits. The calendar is `timezone` (a setting).
   */
  apiDailyLimit?: number
  apiBurstLimit?: number
  apiBurstSeconds?: number
  /** Overload limits (protocol/overload.ts): API requests handled at once (default 256), of one user (default a quarter of that) and a request's deadline (default 30000 ms); beyond them 5100. */
  maxInFlight?: number
  maxInFlightPerUser?: number
  requestTimeoutMs?: number
  /** The control API (/_qinglocal/) answers non-loopback addresses too (default false: loopback only). */
  controlFromAnywhere?: boolean
  /** Where the state controls keep named snapshots (serve: <data>/snapshots); without it only export and import work. */
  snapshotsDir?: string
}

// a random prefix per process and a counter: unique without 8 random bytes per request
const requestIdPrefix = `req-${randomBytes(4).toString('hex')}`
let requestCounter = randomBytes(4).readUInt32BE()
const newRequestId = () => {
  requestCounter = (requestCounter + 1) >>> 0
  return requestIdPrefix + requestCounter.toString(16).padStart(8, '0')
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The background job runner; tests step it in manual mode. */
    jobRunner: JobRunner
    /** The platform's clock (features/virtual-clock): the injected clock moved by the clock controls. */
    clock: VirtualClock
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // every part of the app reads time from this one clock, except the signatures' freshness (below)
  const clock = await platformClock(deps.store, deps.clock)
  const modules = deps.modules ?? defaultModules
  const lockers = deps.lockers ?? defaultLockers
  const receiveTimeoutMs = deps.config.requestTimeoutMs ?? DEFAULT_OVERLOAD_LIMITS.requestTimeoutMs
  const app = Fastify({
    // an https server is an http server to every handler here; only fastify's generics tell them apart
    ...(deps.https ? { https: { cert: deps.https.cert, key: deps.https.key } } : {}),
    loggerInstance: deps.logger as FastifyBaseLogger,
    genReqId: newRequestId,
    childLoggerFactory: lazyChildLoggerFactory,
    requestIdHeader: false, // never trust a client-chosen id in our logs
    // one access-log line per request, written below without the query string
    logController: new LogController({ requestIdLogLabel: 'request_id', disableRequestLogging: true }),
    bodyLimit: deps.config.bodyLimitBytes,
    return503OnClosing: true,
    // no route reads request.query: the endpoint decodes the raw URL itself (strictly, protocol/params.ts)
    routerOptions: { querystringParser: () => ({}) },
    // real clients send long GETs: the request line and headers may be as large as a body; no Host
    // header is no reason to refuse. Whatever Node's parser or the router refuses is answered as
    // HTTP 200 JSON too (protocol/http-edges.ts), and a request must arrive in full within its deadline
    http: { maxHeaderSize: deps.config.bodyLimitBytes, requireHostHeader: false, requestTimeout: receiveTimeoutMs, headersTimeout: receiveTimeoutMs, connectionsCheckingInterval: Math.min(receiveTimeoutMs, 30_000) / 2 },
    requestTimeout: receiveTimeoutMs,
    clientErrorHandler: clientErrorHandler(deps.logger as FastifyBaseLogger, { bodyLimitBytes: deps.config.bodyLimitBytes, receiveTimeoutMs }),
    frameworkErrors: frameworkErrors(modules),
  })
  answerOddRequests(app.server, deps.logger as FastifyBaseLogger)
  const metrics = createMetrics()
  const actionNames = new Set(modules.flatMap((m) => [...m.actions.keys()]))

  app.decorateRequest('apiOutcome', null)
  app.decorateRequest('arrivedAt', 0)
  // callback-style hooks: an async hook costs a promise per request
  app.addHook('onRequest', (request, reply, done) => {
    request.arrivedAt = performance.now()
    reply.header('x-request-id', request.id)
    done()
  })
  app.addHook('onResponse', (request, reply, done) => {
    recordResponse(request, reply)
    done()
  })
  const recordResponse = (request: FastifyRequest, reply: FastifyReply) => {
    const outcome = request.apiOutcome
    const seconds = reply.elapsedTime / 1000
    if (outcome) {
      // only registered action names become label values, so a client cannot blow up cardinality
      const action = outcome.action !== undefined && actionNames.has(outcome.action) ? outcome.action : 'unknown'
      metrics.recordRequest(action, outcome.retCode, seconds)
    }
    // the query string carries parameters such as login_passwd: log the path only. Written through
    // the root logger with the request id, so no per-request child logger is made (lib/lazy-logger.ts)
    if (!deps.logger.isLevelEnabled('info')) return
    const url = request.raw.url ?? ''
    const query = url.indexOf('?')
    deps.logger.info(
      { request_id: request.id, method: request.method, path: query < 0 ? url : url.slice(0, query), status: reply.statusCode, action: outcome?.action, ret_code: outcome?.retCode, ms: Math.round(reply.elapsedTime) },
      'request',
    )
  }

  // form bodies are read as text and decoded by protocol/params.ts, which keeps every pair in
  // order and reports duplicates; no other body type is part of the protocol
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body))

  app.setErrorHandler((error: Error & { code?: string }, request, reply) => {
    const known: Record<string, () => ApiError> = {
      FST_ERR_CTP_BODY_TOO_LARGE: () => new ApiError('InvalidRequestFormat', `request body is larger than ${deps.config.bodyLimitBytes} bytes`),
      FST_ERR_CTP_INVALID_MEDIA_TYPE: () => new ApiError('InvalidRequestFormat', `unsupported content type [${request.headers['content-type'] ?? ''}], send application/x-www-form-urlencoded`),
      FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => new ApiError('InvalidRequestFormat', 'request body length does not match Content-Length'),
    }
    // the body stopped arriving (the client went away, or Node gave up waiting): nobody reads this
    // answer, but it is the client's doing, not an unexpected error (a store's ECONNRESET still is)
    if (error.code === 'ECONNRESET' && request.raw.destroyed) return sendError(request, reply, new ApiError('InvalidRequestFormat', 'the connection closed before the request body arrived'))
    return sendError(request, reply, known[error.code ?? '']?.() ?? error)
  })
  // no route at all for this path (or this HTTP method on it)
  app.setNotFoundHandler((request, reply) => {
    const path = (request.raw.url ?? '/').split('?')[0] ?? '/'
    const error = findModule(path, modules) ? new ApiError('InvalidRequestMethod', `HTTP method ${request.method} is not supported, use GET or POST`) : new ApiError('InvalidAPIModule', `no API module at path [${path}]`)
    return sendError(request, reply, error)
  })

  const maintenance = maintenanceGate({ db: deps.store.readDb, epoch: deps.store.epoch, clock })
  await serveConsole(app, deps.consoleDir)
  app.get('/healthz', async () => ({ status: 'ok' }))
  // maintenance is still ready (200): reads are served, so a load balancer must keep sending them;
  // mutating requests get their own answer, 5300, from the API
  app.get('/readyz', async (_request, reply) => {
    if (deps.ready && !deps.ready()) return reply.code(503).send({ status: 'not ready', reason: 'workers starting' })
    try {
      await deps.store.ping()
      if (!(await deps.store.isMigrated())) return reply.code(503).send({ status: 'not ready', reason: 'migrations pending' })
      // no API request read the epoch for this one: the window and the clock as committed now
      await clock.refresh()
      const window = await maintenance.current()
      return window ? { status: 'ready', maintenance: { until: window.end_time, message: window.message } } : { status: 'ready' }
    } catch (error) {
      return reply.code(503).send({ status: 'not ready', reason: `store unreachable: ${(error as Error).message}` })
    }
  })
  const metricsText = deps.metricsText?.(metrics.registry) ?? (() => metrics.registry.metrics())
  app.get('/metrics', async (_request, reply) => {
    reply.type(metrics.registry.contentType)
    return metricsText()
  })

  const settings = Object.freeze(Object.fromEntries(ACTION_SETTING_KEYS.map((key) => [key, deps.config[key]]))) as ActionSettings
  const runner = new JobRunner({
    store: deps.store,
    clock,
    syncClock: () => clock.refresh(),
    ids: deps.ids,
    log: deps.logger as FastifyBaseLogger,
    speed: deps.config.jobSpeed,
    actions: new Map(modules.flatMap((m) => [...m.actions])),
    warehouseDir: deps.config.warehouseDir,
    settings,
    lockers,
    periodic: deps.periodic,
  })
  app.decorate('jobRunner', runner)
  app.decorate('clock', clock)
  app.addHook('onReady', async () => {
    // temporary files of transfers a crash cut off are swept before anything else runs
    await runner.sweepParts()
    runner.start()
  })
  app.addHook('onClose', async () => runner.stop())

  const mailer = new MailDelivery({ db: deps.store.db, box: deps.box, clock, log: deps.logger as FastifyBaseLogger, smtpUrl: deps.config.smtpUrl, from: deps.config.mailFrom })
  app.addHook('onClose', async () => mailer.close())
  const signature = signatureAuth({
    db: deps.store.readDb,
    epoch: deps.store.epoch,
    box: deps.box,
    // time_stamp and expires are judged by the base clock: clients sign with their own wall clock,
    // so a moved platform clock must not make every real SDK request expire (1300)
    clock: deps.clock,
    timestampWindowSeconds: deps.config.timestampWindowSeconds,
    debugSignatures: deps.config.debugSignatures,
    log: deps.logger,
  })
  const session = sessionAuth({ db: deps.store.db, clock, settings })
  // the console calls /iaas/ and /admin/ with its session cookie instead of a signature
  const signedOrConsole = signatureOrSession(signature, session)

  // only the API route is bounded: /healthz, /readyz and /metrics answer however busy the API is
  const overload = overloadGuard(app, metrics, deps.config)
  const handler = apiHandler({
    store: deps.store,
    clock,
    syncClock: () => clock.sync(),
    ids: deps.ids,
    modules,
    insertJob: (db, spec) => insertJob(db, deps.ids, clock.now(), spec, runner.pendingMs),
    jobsQueued: () => runner.wake(),
    requireZone: zoneCheck(deps.store.readDb, deps.store.epoch),
    authenticate: { signature: signedOrConsole, admin: adminOnly(signedOrConsole), session },
    settings,
    queueMail: (db, mail) => queueMail(db, deps.ids, deps.box, clock.now(), mail, mailer.smtp),
    mailQueued: () => void mailer.deliver(),
    seal: (secret) => deps.box.seal(secret),
    claimSlot: overload.claim,
    unseal: (sealed) => deps.box.open(sealed),
    admit: admission(replyFaultGate({ db: deps.store.db, readDb: deps.store.readDb, epoch: deps.store.epoch }), maintenance.admit),
    lockers,
    rateLimit: rateLimiter({
      db: deps.store.db,
      clock,
      log: deps.logger as FastifyBaseLogger,
      limits: {
        dailyLimit: deps.config.apiDailyLimit ?? 0,
        burstLimit: deps.config.apiBurstLimit ?? 0,
        burstSeconds: deps.config.apiBurstSeconds ?? 10,
        timeZone: deps.config.timezone,
      },
    }),
  })
  // the control API's paths are static routes under its prefix: they win over the API's /* below
  registerControls(app, {
    store: deps.store,
    syncClock: () => clock.sync(),
    signature,
    fromAnywhere: deps.config.controlFromAnywhere === true,
    controls: {
      health: healthControl({ store: deps.store, clock, modules, runner, settings }),
      coverage: coverageControl(modules),
      ...clockControls({ store: deps.store, clock, runner }),
      ...stateControls({ store: deps.store, box: deps.box, clock, log: deps.logger, snapshotsDir: deps.config.snapshotsDir, swapped: () => runner.wake(), rules: keptCountsSwapRules }),
    },
  })
  const api = overload.guard(handler)
  app.route({ method: ['GET', 'POST'], url: '/*', handler: api })
  app.route({ method: ['GET', 'POST'], url: '/', handler: api })

  await app.ready()
  return app
}

/** The admission step's gates, in order: the first that throws answers the request. */
function admission(...gates: Array<(request: Admission) => MaybePromise<void>>): (request: Admission) => MaybePromise<void> {
  const from = (index: number, request: Admission): MaybePromise<void> => {
    for (let i = index; i < gates.length; i++) {
      const gated = gates[i]?.(request)
      // a gate that had to look something up: the rest run once it has answered
      if (gated instanceof Promise) return gated.then(() => from(i + 1, request))
    }
  }
  return (request) => from(0, request)
}
