// The only reader of process.env. Configuration comes from, in rising priority: defaults, a YAML
// file (QINGLOCAL_CONFIG or --config), environment variables, and `qinglocal serve` flags. It is
// validated as a whole, so a bad start-up lists every problem at once, and then frozen.
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { availableParallelism } from 'node:os'
import { parse as parseYaml } from 'yaml'
import { parseYuan } from './lib/money.ts'
import { parseDatabaseUrl } from './store/database-url.ts'

export const jobSpeeds = ['realistic', 'instant', 'manual'] as const
export type JobSpeed = (typeof jobSpeeds)[number]
export const logFormats = ['auto', 'json', 'pretty'] as const
export type LogFormat = (typeof logFormats)[number]

export interface Config {
  /** Address to listen on. */
  host: string
  port: number
  /** Data directory: the SQLite file, the master key, the generated credential files. */
  dataDir: string
  /** sqlite:<path> (default <dataDir>/qinglocal.db), sqlite::memory: or postgres://… */
  databaseUrl: string
  /** Zones the platform offers, created on start when missing. */
  zones: readonly string[]
  /** Allowed distance, in seconds, between a request's time_stamp and the server clock. */
  timestampWindowSeconds: number
  /** How fast asynchronous jobs complete: realistic (a few seconds), instant, or manual (tests step them). */
  jobSpeed: JobSpeed
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** `qinglocal serve`'s log lines: json, pretty (human lines), or auto (pretty when stdout is a terminal, else json). */
  logFormat: LogFormat
  /** NO_COLOR is set (any non-empty value, see no-color.org): pretty logs carry no ANSI colours. */
  noColor: boolean
  /** Development aid: log the server's string-to-sign for failed signatures (never sent to clients). */
  debugSignatures: boolean
  /** Seed for repeatable resource ids; unset means cryptographically random ids. */
  seed: number | undefined
  /**
   * Server processes `qinglocal serve` runs on one port (node:cluster): default one per core, but
   * one with a seed (every worker would make the same ids) or an in-memory database (each worker
   * would have its own).
   */
  workers: number
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number
  /** Hypervisor hosts seeded in each zone on first start, and the capacity of each. */
  hostsPerZone: number
  hostCpu: number
  /** Memory per host, in MB. */
  hostMemory: number
  /** Console sessions end after this long without a request… */
  sessionIdleMinutes: number
  /** …and this long after login, whatever happens. */
  sessionLifetimeHours: number
  /** Consecutive failed logins that lock an account, and for how long. */
  loginMaxFailures: number
  loginLockMinutes: number
  /** Password-reset requests allowed per account in a sliding window. */
  resetMaxRequests: number
  resetWindowMinutes: number
  /** smtp://user:pass@host:port (or smtps://); unset keeps mail in the outbox only. */
  smtpUrl: string
  mailFrom: string
  /** Who may register, until an admin changes it: open, invite (with an admin's invite code) or closed. */
  registration: Registration
  /**
   * Wrong login data: `generic` answers 1660 whatever was wrong, so accounts cannot be enumerated;
   * `detailed` answers 1610 (no such user) and 1620 (wrong password), for clients that expect them.
   */
  loginErrors: LoginErrors
  /** Signed API requests each user may make per day (the platform's local day); 0 = unlimited. */
  apiDailyLimit: number
  /** Signed API requests each user may make per burst window; 0 = unlimited. */
  apiBurstLimit: number
  /** Length of a burst window, in seconds. */
  apiBurstSeconds: number
  /** The platform's time zone (IANA name): the daily API quota resets at midnight there. */
  timezone: string
  /** Money the bootstrap user's wallet starts with, in minor units (1/10000 yuan); set from yuan. Other accounts start at 0. */
  bootstrapBalance: number
  /** This platform's id: a license names the platform it is for. */
  platformId: string
  /** The license vendor's Ed25519 public key (PEM, inline or a file path); unset means no license can be valid. */
  licensePublicKey: string
  /** A license certificate loaded at start-up (a file path); unset loads none. */
  licenseFile: string
  /** Hosts the platform may have without a valid license (the bootstrap hosts count). */
  unlicensedHosts: number
  /** Public addresses each zone's EIP pool is seeded with on its first start (198.18.<block>.1 …). */
  eipPoolSize: number
  /** Where the image warehouse keeps image files. */
  warehouseDir: string
  /** ImportImage transfers (downloads, copies from imports/) run at once per process; more wait their turn. */
  importConcurrency: number
  /** An ImportImage download's whole deadline, in milliseconds (a slow-trickling server included). */
  importTimeoutMs: number
  /** ImportImage may fetch from loopback, private, link-local and other non-public addresses (off: refused). */
  importAllowPrivateSources: boolean
  /**
   * The bootstrap user's access key on a fresh data directory (fixed credentials for tests): both
   * or neither; '' means a generated one. A store that already has accounts keeps its keys.
   */
  accessKeyId: string
  secretAccessKey: string
  /** API requests handled at once; more answer 5100 ServerBusy at once. */
  maxInFlight: number
  /** API requests of one user handled at once (default a quarter of maxInFlight, at most maxInFlight); more answer 5100 at once. */
  maxInFlightPerUser: number
  /** A request not answered within this many milliseconds answers 5100 ServerBusy. */
  requestTimeoutMs: number
  /** HTTPS: a PEM certificate (chain) file and its private key file, both or neither (checked: readable, the key fits). */
  tlsCert: string
  tlsKey: string
  /** HTTPS with a local CA and a certificate for localhost made once into <dataDir>/tls/ (src/tls.ts); not with tlsCert/tlsKey. */
  tlsSelfSigned: boolean
  /** An init hook (a file in <dataDir>/init/ready.d/) that runs longer than this many milliseconds is stopped and counted as failed. */
  initHookTimeoutMs: number
  /** The control API (/_qinglocal/) answers admin-signed requests from any address, not only loopback ones. */
  controlFromAnywhere: boolean
}

export const registrations = ['open', 'invite', 'closed'] as const
export type Registration = (typeof registrations)[number]
export const loginErrorModes = ['generic', 'detailed'] as const
export type LoginErrors = (typeof loginErrorModes)[number]

/** Raw settings as strings or values, keyed like the Config fields. */
export type ConfigInput = Partial<Record<keyof Config, unknown>>

const ENV: Record<string, keyof Config> = {
  QINGLOCAL_HOST: 'host',
  QINGLOCAL_PORT: 'port',
  QINGLOCAL_DATA: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  QINGLOCAL_ZONES: 'zones',
  QINGLOCAL_TIMESTAMP_WINDOW: 'timestampWindowSeconds',
  QINGLOCAL_JOB_SPEED: 'jobSpeed',
  QINGLOCAL_LOG_LEVEL: 'logLevel',
  QINGLOCAL_LOG_FORMAT: 'logFormat',
  QINGLOCAL_DEBUG_SIGNATURES: 'debugSignatures',
  QINGLOCAL_SEED: 'seed',
  QINGLOCAL_WORKERS: 'workers',
  QINGLOCAL_BODY_LIMIT: 'bodyLimitBytes',
  QINGLOCAL_HOSTS_PER_ZONE: 'hostsPerZone',
  QINGLOCAL_HOST_CPU: 'hostCpu',
  QINGLOCAL_HOST_MEMORY: 'hostMemory',
  QINGLOCAL_SESSION_IDLE_MINUTES: 'sessionIdleMinutes',
  QINGLOCAL_SESSION_LIFETIME_HOURS: 'sessionLifetimeHours',
  QINGLOCAL_LOGIN_MAX_FAILURES: 'loginMaxFailures',
  QINGLOCAL_LOGIN_LOCK_MINUTES: 'loginLockMinutes',
  QINGLOCAL_RESET_MAX_REQUESTS: 'resetMaxRequests',
  QINGLOCAL_RESET_WINDOW_MINUTES: 'resetWindowMinutes',
  QINGLOCAL_SMTP_URL: 'smtpUrl',
  QINGLOCAL_MAIL_FROM: 'mailFrom',
  QINGLOCAL_REGISTRATION: 'registration',
  QINGLOCAL_LOGIN_ERRORS: 'loginErrors',
  QINGLOCAL_API_DAILY_LIMIT: 'apiDailyLimit',
  QINGLOCAL_API_BURST_LIMIT: 'apiBurstLimit',
  QINGLOCAL_API_BURST_SECONDS: 'apiBurstSeconds',
  QINGLOCAL_TIMEZONE: 'timezone',
  QINGLOCAL_BOOTSTRAP_BALANCE: 'bootstrapBalance',
  QINGLOCAL_PLATFORM_ID: 'platformId',
  QINGLOCAL_LICENSE_PUBLIC_KEY: 'licensePublicKey',
  QINGLOCAL_LICENSE_FILE: 'licenseFile',
  QINGLOCAL_UNLICENSED_HOSTS: 'unlicensedHosts',
  QINGLOCAL_EIP_POOL_SIZE: 'eipPoolSize',
  QINGLOCAL_WAREHOUSE_DIR: 'warehouseDir',
  QINGLOCAL_IMPORT_CONCURRENCY: 'importConcurrency',
  QINGLOCAL_IMPORT_TIMEOUT_MS: 'importTimeoutMs',
  QINGLOCAL_IMPORT_ALLOW_PRIVATE_SOURCES: 'importAllowPrivateSources',
  QINGLOCAL_ACCESS_KEY_ID: 'accessKeyId',
  QINGLOCAL_SECRET_ACCESS_KEY: 'secretAccessKey',
  QINGLOCAL_MAX_IN_FLIGHT: 'maxInFlight',
  QINGLOCAL_MAX_IN_FLIGHT_PER_USER: 'maxInFlightPerUser',
  QINGLOCAL_REQUEST_TIMEOUT_MS: 'requestTimeoutMs',
  QINGLOCAL_TLS_CERT: 'tlsCert',
  QINGLOCAL_TLS_KEY: 'tlsKey',
  QINGLOCAL_TLS_SELF_SIGNED: 'tlsSelfSigned',
  QINGLOCAL_INIT_HOOK_TIMEOUT_MS: 'initHookTimeoutMs',
  QINGLOCAL_CONTROL_FROM_ANYWHERE: 'controlFromAnywhere',
}

/** The environment variable for each setting, for help texts and error messages. */
export const envNameOf = Object.fromEntries(Object.entries(ENV).map(([env, key]) => [key, env])) as Record<keyof Config, string>

const FILE_KEYS: Record<string, keyof Config> = {
  host: 'host',
  port: 'port',
  data: 'dataDir',
  database_url: 'databaseUrl',
  zones: 'zones',
  timestamp_window: 'timestampWindowSeconds',
  job_speed: 'jobSpeed',
  log_level: 'logLevel',
  log_format: 'logFormat',
  debug_signatures: 'debugSignatures',
  seed: 'seed',
  workers: 'workers',
  body_limit: 'bodyLimitBytes',
  hosts_per_zone: 'hostsPerZone',
  host_cpu: 'hostCpu',
  host_memory: 'hostMemory',
  session_idle_minutes: 'sessionIdleMinutes',
  session_lifetime_hours: 'sessionLifetimeHours',
  login_max_failures: 'loginMaxFailures',
  login_lock_minutes: 'loginLockMinutes',
  reset_max_requests: 'resetMaxRequests',
  reset_window_minutes: 'resetWindowMinutes',
  smtp_url: 'smtpUrl',
  mail_from: 'mailFrom',
  registration: 'registration',
  login_errors: 'loginErrors',
  api_daily_limit: 'apiDailyLimit',
  api_burst_limit: 'apiBurstLimit',
  api_burst_seconds: 'apiBurstSeconds',
  timezone: 'timezone',
  bootstrap_balance: 'bootstrapBalance',
  platform_id: 'platformId',
  license_public_key: 'licensePublicKey',
  license_file: 'licenseFile',
  unlicensed_hosts: 'unlicensedHosts',
  eip_pool_size: 'eipPoolSize',
  warehouse_dir: 'warehouseDir',
  import_concurrency: 'importConcurrency',
  import_timeout_ms: 'importTimeoutMs',
  import_allow_private_sources: 'importAllowPrivateSources',
  access_key_id: 'accessKeyId',
  secret_access_key: 'secretAccessKey',
  max_in_flight: 'maxInFlight',
  max_in_flight_per_user: 'maxInFlightPerUser',
  request_timeout_ms: 'requestTimeoutMs',
  tls_cert: 'tlsCert',
  tls_key: 'tlsKey',
  tls_self_signed: 'tlsSelfSigned',
  init_hook_timeout_ms: 'initHookTimeoutMs',
  control_from_anywhere: 'controlFromAnywhere',
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

export interface ConfigSources {
  env?: Record<string, string | undefined>
  /** Path of a YAML file; defaults to env QINGLOCAL_CONFIG. */
  file?: string
  /** Highest priority, e.g. command-line flags. */
  overrides?: ConfigInput
}

export function loadConfig(sources: ConfigSources = {}): Readonly<Config> {
  const env = sources.env ?? process.env
  const problems: string[] = []
  const input: ConfigInput = {}

  const file = sources.file ?? env.QINGLOCAL_CONFIG
  if (file) Object.assign(input, readConfigFile(file, problems))
  for (const [name, key] of Object.entries(ENV)) {
    const value = env[name]
    if (value !== undefined && value !== '') input[key] = value
  }
  for (const [key, value] of Object.entries(sources.overrides ?? {})) if (value !== undefined) input[key as keyof Config] = value

  // NO_COLOR is a cross-tool convention read from the environment only, never from the file or flags
  const config = { ...validate(input, problems), noColor: (env.NO_COLOR ?? '') !== '' }
  if (problems.length > 0) throw new ConfigError(problems)
  return Object.freeze({ ...config, zones: Object.freeze([...config.zones]) })
}

function readConfigFile(path: string, problems: string[]): ConfigInput {
  let doc: unknown
  try {
    doc = parseYaml(readFileSync(path, 'utf8'))
  } catch (error) {
    problems.push(`config file ${path}: ${(error as Error).message}`)
    return {}
  }
  if (doc === null || doc === undefined) return {}
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    problems.push(`config file ${path}: expected a mapping of settings`)
    return {}
  }
  const out: ConfigInput = {}
  for (const [name, value] of Object.entries(doc)) {
    const key = FILE_KEYS[name]
    if (key) out[key] = value
    else problems.push(`config file ${path}: unknown setting "${name}" (known: ${Object.keys(FILE_KEYS).join(', ')})`)
  }
  return out
}

const ZONE = /^[a-z]{2,8}\d{1,2}[a-z]?$/

/** A user's share of the in-flight slots when only the global limit is set: a quarter of it, at least 1. */
export function defaultPerUserLimit(maxInFlight: number): number {
  return Math.max(1, Math.floor(maxInFlight / 4))
}

function validate(input: ConfigInput, problems: string[]): Omit<Config, 'noColor'> {
  const where = (key: keyof Config) => `${key} (${envNameOf[key]})`
  const str = (key: keyof Config, fallback: string) => (input[key] === undefined ? fallback : String(input[key]))
  const int = (key: keyof Config, fallback: number, min: number, max: number) => {
    const raw = input[key]
    if (raw === undefined) return fallback
    const n = typeof raw === 'number' ? raw : /^-?\d+$/.test(String(raw).trim()) ? Number(raw) : NaN
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${where(key)} must be an integer from ${min} to ${max}, got "${String(raw)}"`)
      return fallback
    }
    return n
  }
  const bool = (key: keyof Config) => {
    const raw = input[key]
    if (raw === undefined) return false
    if (typeof raw === 'boolean') return raw
    if (/^(1|true|yes|on)$/i.test(String(raw))) return true
    if (/^(0|false|no|off)$/i.test(String(raw))) return false
    problems.push(`${where(key)} must be true or false, got "${String(raw)}"`)
    return false
  }
  const oneOf = <T extends string>(key: keyof Config, values: readonly T[], fallback: T): T => {
    const raw = str(key, fallback)
    if ((values as readonly string[]).includes(raw)) return raw as T
    problems.push(`${where(key)} must be one of ${values.join(', ')}, got "${raw}"`)
    return fallback
  }

  const dataDir = resolve(str('dataDir', './data'))
  const databaseUrl = str('databaseUrl', `sqlite:${join(dataDir, 'qinglocal.db')}`)
  if (!parseDatabaseUrl(databaseUrl)) problems.push(`${where('databaseUrl')} must be sqlite:<file>, sqlite::memory: or postgres://…, got "${databaseUrl}"`)

  const zonesRaw = input.zones ?? 'pek3a,sh1a'
  const zones = (Array.isArray(zonesRaw) ? zonesRaw.map(String) : String(zonesRaw).split(',')).map((z) => z.trim()).filter(Boolean)
  if (zones.length === 0) problems.push(`${where('zones')} must name at least one zone`)
  for (const z of zones) if (!ZONE.test(z)) problems.push(`${where('zones')}: "${z}" is not a zone id like pek3a`)
  if (new Set(zones).size !== zones.length) problems.push(`${where('zones')} lists a zone twice`)

  const host = str('host', '127.0.0.1')
  if (!/^[A-Za-z0-9.:-]+$/.test(host)) problems.push(`${where('host')} is not a host name or address: "${host}"`)

  const smtpUrl = str('smtpUrl', '')
  if (smtpUrl && !/^smtps?:\/\/[^/]+/.test(smtpUrl)) problems.push(`${where('smtpUrl')} must be smtp://host:port or smtps://…, got "${smtpUrl.replace(/\/\/[^@/]*@/, '//…@')}"`)

  const timezoneRaw = str('timezone', 'UTC')
  const timezone = canonicalTimeZone(timezoneRaw)
  if (!timezone) problems.push(`${where('timezone')} must be an IANA time zone such as UTC or Asia/Shanghai, got "${timezoneRaw}"`)

  const balanceRaw = str('bootstrapBalance', '100000')
  const bootstrapBalance = parseYuan(balanceRaw)
  if (bootstrapBalance === undefined || bootstrapBalance < 0) problems.push(`${where('bootstrapBalance')} must be an amount of yuan such as 100000 or 12.50, got "${balanceRaw}"`)

  const platformId = str('platformId', 'qinglocal')
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(platformId)) problems.push(`${where('platformId')} must be 1–64 letters, digits, dots, dashes or underscores, got "${platformId}"`)

  // a user's share of the in-flight slots: a quarter by default, never more than the whole
  const maxInFlight = int('maxInFlight', 256, 1, 100_000)
  const fairShare = defaultPerUserLimit(maxInFlight)
  let maxInFlightPerUser = int('maxInFlightPerUser', fairShare, 1, 100_000)
  if (maxInFlightPerUser > maxInFlight) {
    problems.push(`${where('maxInFlightPerUser')} must be at most ${where('maxInFlight')}, ${maxInFlight}, got "${maxInFlightPerUser}"`)
    maxInFlightPerUser = fairShare
  }

  // the formats QingCloud's keys have (lib/ids.ts makes the same): a typo fails here, not at the first signed request
  const accessKeyId = str('accessKeyId', '')
  const secretAccessKey = str('secretAccessKey', '')
  if (accessKeyId && !/^[A-Z]{20}$/.test(accessKeyId)) problems.push(`${where('accessKeyId')} must be 20 upper-case letters, got "${accessKeyId}"`)
  // the secret itself is never echoed
  if (secretAccessKey && !/^[A-Za-z0-9]{40}$/.test(secretAccessKey)) problems.push(`${where('secretAccessKey')} must be 40 letters and digits (got ${secretAccessKey.length} characters)`)
  if ((accessKeyId === '') !== (secretAccessKey === '')) problems.push(`${where('accessKeyId')} and ${where('secretAccessKey')} must be set together`)

  const seedRaw = input.seed
  const seed = seedRaw === undefined ? undefined : int('seed', 0, 0, 2 ** 32 - 1)

  // several processes need one shared store, and ids that no two of them repeat
  const parsedUrl = parseDatabaseUrl(databaseUrl)
  const inMemory = parsedUrl?.kind === 'sqlite' && parsedUrl.file === ':memory:'
  const single = seed !== undefined ? `${where('seed')} is set` : inMemory ? `${where('databaseUrl')} is an in-memory database` : undefined
  const workers = int('workers', single ? 1 : availableParallelism(), 1, 256)
  if (workers > 1 && single) problems.push(`${where('workers')} must be 1 when ${single}, got "${String(input.workers)}"`)

  const tlsCert = str('tlsCert', '') && resolve(str('tlsCert', ''))
  const tlsKey = str('tlsKey', '') && resolve(str('tlsKey', ''))
  const tlsSelfSigned = bool('tlsSelfSigned')
  checkTls(tlsCert, tlsKey, tlsSelfSigned, where, problems)

  return {
    host,
    port: int('port', 7777, 0, 65535),
    dataDir,
    databaseUrl,
    zones,
    timestampWindowSeconds: int('timestampWindowSeconds', 60, 1, 86400),
    jobSpeed: oneOf('jobSpeed', jobSpeeds, 'realistic'),
    logLevel: oneOf('logLevel', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    logFormat: oneOf('logFormat', logFormats, 'auto'),
    debugSignatures: bool('debugSignatures'),
    seed,
    workers,
    bodyLimitBytes: int('bodyLimitBytes', 1024 * 1024, 1024, 64 * 1024 * 1024),
    hostsPerZone: int('hostsPerZone', 4, 1, 1000),
    hostCpu: int('hostCpu', 64, 1, 4096),
    hostMemory: int('hostMemory', 262144, 1024, 64 * 1024 * 1024),
    sessionIdleMinutes: int('sessionIdleMinutes', 30, 1, 7 * 24 * 60),
    sessionLifetimeHours: int('sessionLifetimeHours', 12, 1, 24 * 90),
    loginMaxFailures: int('loginMaxFailures', 5, 1, 1000),
    loginLockMinutes: int('loginLockMinutes', 15, 1, 7 * 24 * 60),
    resetMaxRequests: int('resetMaxRequests', 3, 1, 1000),
    resetWindowMinutes: int('resetWindowMinutes', 60, 1, 7 * 24 * 60),
    smtpUrl,
    mailFrom: str('mailFrom', 'QingLocal <qinglocal@localhost>'),
    registration: oneOf('registration', registrations, 'open'),
    loginErrors: oneOf('loginErrors', loginErrorModes, 'generic'),
    apiDailyLimit: int('apiDailyLimit', 0, 0, 1_000_000_000),
    apiBurstLimit: int('apiBurstLimit', 0, 0, 1_000_000_000),
    apiBurstSeconds: int('apiBurstSeconds', 10, 1, 3600),
    timezone: timezone ?? 'UTC',
    bootstrapBalance: bootstrapBalance ?? 0,
    platformId,
    licensePublicKey: str('licensePublicKey', ''),
    licenseFile: str('licenseFile', ''),
    unlicensedHosts: int('unlicensedHosts', 16, 0, 100_000),
    eipPoolSize: int('eipPoolSize', 254, 0, 254),
    warehouseDir: resolve(str('warehouseDir', join(dataDir, 'warehouse'))),
    importConcurrency: int('importConcurrency', 4, 1, 64),
    importTimeoutMs: int('importTimeoutMs', 120_000, 100, 3_600_000),
    importAllowPrivateSources: bool('importAllowPrivateSources'),
    accessKeyId,
    secretAccessKey,
    maxInFlight,
    maxInFlightPerUser,
    requestTimeoutMs: int('requestTimeoutMs', 30_000, 100, 600_000),
    tlsCert,
    tlsKey,
    tlsSelfSigned,
    initHookTimeoutMs: int('initHookTimeoutMs', 60_000, 100, 3_600_000),
    controlFromAnywhere: bool('controlFromAnywhere'),
  }
}

/** Both TLS files or neither, each readable PEM, the key the certificate's; or self-signed, alone. */
function checkTls(cert: string, key: string, selfSigned: boolean, where: (key: keyof Config) => string, problems: string[]): void {
  if (selfSigned && (cert || key)) {
    problems.push(`${where('tlsSelfSigned')} generates its own certificate: leave ${where('tlsCert')} and ${where('tlsKey')} unset, or drop it`)
    return
  }
  if (!cert && !key) return
  if (!cert || !key) {
    problems.push(`${where(cert ? 'tlsKey' : 'tlsCert')} must be set too: HTTPS needs both a certificate and its private key`)
    return
  }
  const read = (setting: keyof Config, path: string, parse: (pem: Buffer) => unknown, what: string) => {
    let pem: Buffer
    try {
      pem = readFileSync(path)
    } catch (error) {
      problems.push(`${where(setting)}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
      return undefined
    }
    try {
      return parse(pem)
    } catch (error) {
      problems.push(`${where(setting)}: ${path} is not a PEM ${what} (${(error as Error).message})`)
      return undefined
    }
  }
  const certificate = read('tlsCert', cert, (pem) => new X509Certificate(pem), 'certificate') as X509Certificate | undefined
  const privateKey = read('tlsKey', key, (pem) => createPrivateKey(pem), 'private key (unencrypted)') as KeyObject | undefined
  if (certificate && privateKey && !certificate.checkPrivateKey(privateKey)) problems.push(`${where('tlsKey')}: ${key} is not the private key of the certificate in ${cert} (${certificate.subject.replaceAll('\n', ', ')})`)
}

/** `asia/shanghai` → `Asia/Shanghai`; undefined when the runtime knows no such zone. */
function canonicalTimeZone(name: string): string | undefined {
  // the default needs no lookup: the first Intl.DateTimeFormat maps ICU's zone and locale data, ~8 MB resident
  if (name === 'UTC') return name
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone
  } catch {
    return undefined
  }
}

/** Where `qinglocal health` looks for the administrator's credentials by default: the admin file bootstrap writes. */
export function defaultAdminCredentialsPath(env: Record<string, string | undefined> = process.env): string {
  return join(resolve(env.QINGLOCAL_DATA || './data'), 'admin.yaml')
}

/** Where `qinglocal call` looks for credentials by default: the user file bootstrap writes. */
export function defaultCredentialsPath(env: Record<string, string | undefined> = process.env): string {
  return join(resolve(env.QINGLOCAL_DATA || './data'), 'config.yaml')
}
