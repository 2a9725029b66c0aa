// loadConfig: defaults, the priority of the sources (flags > environment > YAML file), validation
// that reports every problem at once, and a frozen result. Every call passes `env` explicitly so
// the machine's own QINGLOCAL_* / DATABASE_URL variables cannot leak in.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { ConfigError, loadConfig, type ConfigSources } from './config.ts'
import { ensureSelfSigned } from './tls.ts'

let dir: string
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'qinglocal-config-'))
})
after(() => rmSync(dir, { recursive: true, force: true }))

let files = 0
/** Writes a YAML configuration file in the temp dir and returns its path. */
function yamlFile(text: string): string {
  const path = join(dir, `config-${++files}.yaml`)
  writeFileSync(path, text)
  return path
}

/** The problems of the ConfigError loadConfig must throw. */
function problemsOf(sources: ConfigSources): string[] {
  try {
    loadConfig(sources)
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`)
    assert.ok(Array.isArray(error.problems) && error.problems.length > 0)
    // the message lists every problem, one per line
    for (const p of error.problems) assert.ok(error.message.includes(p), `message lacks "${p}"`)
    return error.problems
  }
  assert.fail('loadConfig accepted an invalid configuration')
}

/** Asserts each pattern matches exactly one problem and every problem is matched. */
function assertProblems(problems: string[], patterns: RegExp[]): void {
  for (const pattern of patterns) {
    assert.equal(problems.filter((p) => pattern.test(p)).length, 1, `expected one problem matching ${pattern} in:\n${problems.join('\n')}`)
  }
  assert.equal(problems.length, patterns.length, `unexpected problems:\n${problems.join('\n')}`)
}

describe('defaults', () => {
  it('fills every setting when nothing is configured', () => {
    const config = loadConfig({ env: {} })
    const data = resolve('./data')
    assert.deepEqual(
      { ...config, zones: [...config.zones] },
      {
        host: '127.0.0.1',
        port: 7777,
        dataDir: data,
        databaseUrl: `sqlite:${join(data, 'qinglocal.db')}`,
        zones: ['pek3a', 'sh1a'],
        timestampWindowSeconds: 60,
        jobSpeed: 'realistic',
        logLevel: 'info',
        logFormat: 'auto',
        noColor: false,
        debugSignatures: false,
        seed: undefined,
        workers: availableParallelism(),
        bodyLimitBytes: 1024 * 1024,
        hostsPerZone: 4,
        hostCpu: 64,
        hostMemory: 262144,
        sessionIdleMinutes: 30,
        sessionLifetimeHours: 12,
        loginMaxFailures: 5,
        loginLockMinutes: 15,
        resetMaxRequests: 3,
        resetWindowMinutes: 60,
        smtpUrl: '',
        mailFrom: 'QingLocal <qinglocal@localhost>',
        registration: 'open',
        loginErrors: 'generic',
        apiDailyLimit: 0,
        apiBurstLimit: 0,
        apiBurstSeconds: 10,
        timezone: 'UTC',
        bootstrapBalance: 100_000 * 10_000,
        platformId: 'qinglocal',
        licensePublicKey: '',
        licenseFile: '',
        unlicensedHosts: 16,
        eipPoolSize: 254,
        warehouseDir: join(data, 'warehouse'),
        importConcurrency: 4,
        importTimeoutMs: 120_000,
        importAllowPrivateSources: false,
        accessKeyId: '',
        secretAccessKey: '',
        maxInFlight: 256,
        maxInFlightPerUser: 64,
        requestTimeoutMs: 30_000,
        tlsCert: '',
        tlsKey: '',
        tlsSelfSigned: false,
        initHookTimeoutMs: 60_000,
        controlFromAnywhere: false,
      },
    )
  })

  it('resolves a relative data directory against the working directory', () => {
    assert.equal(loadConfig({ env: { QINGLOCAL_DATA: 'some/where' } }).dataDir, resolve('some/where'))
  })

  it('puts the default SQLite file in the configured data directory', () => {
    const data = join(dir, 'elsewhere')
    assert.equal(loadConfig({ env: { QINGLOCAL_DATA: data } }).databaseUrl, `sqlite:${join(data, 'qinglocal.db')}`)
  })

  it('ignores empty environment variables', () => {
    const config = loadConfig({ env: { QINGLOCAL_PORT: '', QINGLOCAL_ZONES: '', DATABASE_URL: '' } })
    assert.equal(config.port, 7777)
    assert.deepEqual([...config.zones], ['pek3a', 'sh1a'])
    assert.match(config.databaseUrl, /^sqlite:.*qinglocal\.db$/)
  })
})

describe('sources and their priority', () => {
  it('reads every setting from a YAML file', () => {
    const file = yamlFile(
      [
        'host: 0.0.0.0',
        'port: 8080',
        `data: ${join(dir, 'from-file')}`,
        "database_url: 'sqlite::memory:'",
        'zones: [gd2a, ap3b]',
        'timestamp_window: 300',
        'job_speed: instant',
        'log_level: warn',
        'debug_signatures: true',
        'seed: 7',
        'body_limit: 2048',
        'hosts_per_zone: 1',
        'host_cpu: 8',
        'host_memory: 8192',
        'session_idle_minutes: 10',
        'login_errors: detailed',
        'smtp_url: smtp://mail.example:2525',
        'api_daily_limit: 0',
        'api_burst_limit: 20',
        'api_burst_seconds: 60',
        'timezone: Asia/Shanghai',
        'bootstrap_balance: 250.5',
        'platform_id: acme-prod',
        'license_file: /etc/qinglocal/license.json',
        'unlicensed_hosts: 4',
        'eip_pool_size: 16',
        'warehouse_dir: /srv/warehouse',
        'import_concurrency: 2',
        'import_timeout_ms: 30000',
        'import_allow_private_sources: true',
        'access_key_id: FILEKEYIDFILEKEYIDFI',
        'secret_access_key: FileSecret0FileSecret0FileSecret0FileSec',
        'max_in_flight: 32',
        'max_in_flight_per_user: 8',
        'request_timeout_ms: 5000',
        'tls_self_signed: true',
      ].join('\n'),
    )
    assert.deepEqual(
      { ...loadConfig({ env: {}, file }) },
      {
        host: '0.0.0.0',
        port: 8080,
        dataDir: join(dir, 'from-file'),
        databaseUrl: 'sqlite::memory:',
        zones: ['gd2a', 'ap3b'],
        timestampWindowSeconds: 300,
        jobSpeed: 'instant',
        logLevel: 'warn',
        logFormat: 'auto',
        noColor: false,
        debugSignatures: true,
        seed: 7,
        workers: 1,
        bodyLimitBytes: 2048,
        hostsPerZone: 1,
        hostCpu: 8,
        hostMemory: 8192,
        sessionIdleMinutes: 10,
        sessionLifetimeHours: 12,
        loginMaxFailures: 5,
        loginLockMinutes: 15,
        resetMaxRequests: 3,
        resetWindowMinutes: 60,
        smtpUrl: 'smtp://mail.example:2525',
        mailFrom: 'QingLocal <qinglocal@localhost>',
        registration: 'open',
        loginErrors: 'detailed',
        apiDailyLimit: 0,
        apiBurstLimit: 20,
        apiBurstSeconds: 60,
        timezone: 'Asia/Shanghai',
        bootstrapBalance: 2_505_000,
        platformId: 'acme-prod',
        licensePublicKey: '',
        licenseFile: '/etc/qinglocal/license.json',
        unlicensedHosts: 4,
        eipPoolSize: 16,
        warehouseDir: '/srv/warehouse',
        importConcurrency: 2,
        importTimeoutMs: 30_000,
        importAllowPrivateSources: true,
        accessKeyId: 'FILEKEYIDFILEKEYIDFI',
        secretAccessKey: 'FileSecret0FileSecret0FileSecret0FileSec',
        maxInFlight: 32,
        maxInFlightPerUser: 8,
        requestTimeoutMs: 5000,
        tlsCert: '',
        tlsKey: '',
        tlsSelfSigned: true,
        initHookTimeoutMs: 60_000,
        controlFromAnywhere: false,
      },
    )
  })

  it('reads every setting from the environment, as strings', () => {
    const config = loadConfig({
      env: {
        QINGLOCAL_HOST: '::1',
        QINGLOCAL_PORT: '9000',
        QINGLOCAL_DATA: join(dir, 'from-env'),
        DATABASE_URL: 'postgres://u:p@db.example:5432/qinglocal',
        QINGLOCAL_ZONES: ' pek3a , gd2a ',
        QINGLOCAL_TIMESTAMP_WINDOW: '120',
        QINGLOCAL_JOB_SPEED: 'manual',
        QINGLOCAL_LOG_LEVEL: 'debug',
        QINGLOCAL_DEBUG_SIGNATURES: '1',
        QINGLOCAL_SEED: '42',
        QINGLOCAL_BODY_LIMIT: '4096',
        QINGLOCAL_HOSTS_PER_ZONE: '2',
        QINGLOCAL_HOST_CPU: '16',
        QINGLOCAL_HOST_MEMORY: '32768',
        QINGLOCAL_REGISTRATION: 'invite',
        QINGLOCAL_RESET_MAX_REQUESTS: '7',
        QINGLOCAL_API_DAILY_LIMIT: '5000',
        QINGLOCAL_API_BURST_LIMIT: '0',
        QINGLOCAL_API_BURST_SECONDS: '1',
        QINGLOCAL_TIMEZONE: 'america/new_york',
        QINGLOCAL_BOOTSTRAP_BALANCE: '0',
        QINGLOCAL_PLATFORM_ID: 'lab.1',
        QINGLOCAL_LICENSE_PUBLIC_KEY: '/etc/qinglocal/vendor.pem',
        QINGLOCAL_UNLICENSED_HOSTS: '0',
        QINGLOCAL_EIP_POOL_SIZE: '0',
        QINGLOCAL_IMPORT_CONCURRENCY: '8',
        QINGLOCAL_IMPORT_TIMEOUT_MS: '500',
        QINGLOCAL_IMPORT_ALLOW_PRIVATE_SOURCES: 'on',
        QINGLOCAL_ACCESS_KEY_ID: 'ENVKEYIDENVKEYIDENVK',
        QINGLOCAL_SECRET_ACCESS_KEY: 'EnvSecret0EnvSecret0EnvSecret0EnvSecret0',
        QINGLOCAL_MAX_IN_FLIGHT: '8',
        QINGLOCAL_REQUEST_TIMEOUT_MS: '250',
        QINGLOCAL_TLS_SELF_SIGNED: 'on',
      },
    })
    assert.deepEqual(
      { ...config, zones: [...config.zones] },
      {
        host: '::1',
        port: 9000,
        dataDir: join(dir, 'from-env'),
        databaseUrl: 'postgres://u:p@db.example:5432/qinglocal',
        zones: ['pek3a', 'gd2a'],
        timestampWindowSeconds: 120,
        jobSpeed: 'manual',
        logLevel: 'debug',
        logFormat: 'auto',
        noColor: false,
        debugSignatures: true,
        seed: 42,
        workers: 1,
        bodyLimitBytes: 4096,
        hostsPerZone: 2,
        hostCpu: 16,
        hostMemory: 32768,
        sessionIdleMinutes: 30,
        sessionLifetimeHours: 12,
        loginMaxFailures: 5,
        loginLockMinutes: 15,
        resetMaxRequests: 7,
        resetWindowMinutes: 60,
        smtpUrl: '',
        mailFrom: 'QingLocal <qinglocal@localhost>',
        registration: 'invite',
        loginErrors: 'generic',
        apiDailyLimit: 5000,
        apiBurstLimit: 0,
        apiBurstSeconds: 1,
        timezone: 'America/New_York', // spelled the canonical way
        bootstrapBalance: 0,
        platformId: 'lab.1',
        licensePublicKey: '/etc/qinglocal/vendor.pem',
        licenseFile: '',
        unlicensedHosts: 0,
        eipPoolSize: 0,
        warehouseDir: join(dir, 'from-env', 'warehouse'),
        importConcurrency: 8,
        importTimeoutMs: 500,
        importAllowPrivateSources: true,
        accessKeyId: 'ENVKEYIDENVKEYIDENVK',
        secretAccessKey: 'EnvSecret0EnvSecret0EnvSecret0EnvSecret0',
        maxInFlight: 8,
        maxInFlightPerUser: 2,
        requestTimeoutMs: 250,
        tlsCert: '',
        tlsKey: '',
        tlsSelfSigned: true,
        initHookTimeoutMs: 60_000,
        controlFromAnywhere: false,
      },
    )
  })

  it('ranks flags (overrides) above the environment above the YAML file above defaults', () => {
    const file = yamlFile('port: 1111\nzones: gd2a\njob_speed: instant\nlog_level: warn\n')
    const env = { QINGLOCAL_PORT: '2222', QINGLOCAL_ZONES: 'sh1a' }
    const overrides = { port: '3333' }
    const config = loadConfig({ env, file, overrides })
    assert.equal(config.port, 3333, 'a flag beats the environment and the file')
    assert.deepEqual([...config.zones], ['sh1a'], 'the environment beats the file')
    assert.equal(config.jobSpeed, 'instant', 'the file beats the default')
    assert.equal(config.logLevel, 'warn')
    assert.equal(config.host, '127.0.0.1', 'a setting nobody gives keeps its default')

    assert.equal(loadConfig({ env, file }).port, 2222)
    assert.equal(loadConfig({ env: {}, file }).port, 1111)
  })

  it('skips overrides that are undefined (flags not given)', () => {
    const config = loadConfig({ env: { QINGLOCAL_PORT: '2222' }, overrides: { port: undefined, host: undefined } })
    assert.equal(config.port, 2222)
    assert.equal(config.host, '127.0.0.1')
  })

  it('finds the file through QINGLOCAL_CONFIG, and an explicit file wins over it', () => {
    const viaEnv = yamlFile('port: 4444\n')
    const explicit = yamlFile('port: 5555\n')
    assert.equal(loadConfig({ env: { QINGLOCAL_CONFIG: viaEnv } }).port, 4444)
    assert.equal(loadConfig({ env: { QINGLOCAL_CONFIG: viaEnv }, file: explicit }).port, 5555)
  })

  it('accepts an empty YAML file', () => {
    assert.equal(loadConfig({ env: {}, file: yamlFile('') }).port, 7777)
  })
})

describe('database URLs', () => {
  for (const url of ['sqlite::memory:', 'sqlite:/tmp/x.db', 'sqlite://relative/x.db', 'postgres://postgres@127.0.0.1:5432/test', 'postgresql://u:p@h/db']) {
    it(`accepts ${url}`, () => {
      assert.equal(loadConfig({ env: { DATABASE_URL: url } }).databaseUrl, url)
    })
  }

  for (const url of ['mysql://x', 'sqlite:', 'postgres:/missing-slash', 'qinglocal.db']) {
    it(`rejects ${url}`, () => {
      assertProblems(problemsOf({ env: { DATABASE_URL: url } }), [/^databaseUrl \(DATABASE_URL\) must be sqlite:<file>, sqlite::memory: or postgres:\/\/…, got "/])
    })
  }
})

describe('validation', () => {
  it('runs one worker per core, but one for a seed or an in-memory database, which several cannot share', () => {
    assert.equal(loadConfig({ env: { QINGLOCAL_WORKERS: '3' } }).workers, 3)
    assert.equal(loadConfig({ env: {}, overrides: { seed: '5' } }).workers, 1)
    assert.equal(loadConfig({ env: { DATABASE_URL: 'sqlite::memory:' } }).workers, 1)
    assertProblems(problemsOf({ env: { QINGLOCAL_WORKERS: '2', QINGLOCAL_SEED: '5' } }), [/^workers \(QINGLOCAL_WORKERS\) must be 1 when seed \(QINGLOCAL_SEED\) is set, got "2"$/])
    assertProblems(problemsOf({ env: { DATABASE_URL: 'sqlite::memory:' }, overrides: { workers: '4' } }), [/^workers \(QINGLOCAL_WORKERS\) must be 1 when databaseUrl \(DATABASE_URL\) is an in-memory database, got "4"$/])
    assertProblems(problemsOf({ env: { QINGLOCAL_WORKERS: '0' } }), [/^workers \(QINGLOCAL_WORKERS\) must be an integer from 1 to 256, got "0"$/])
  })

  it('lists every problem of every source in one ConfigError', () => {
    const file = yamlFile('port: 8080\nlisten: 0.0.0.0\n')
    const problems = problemsOf({
      env: { QINGLOCAL_PORT: 'abc', DATABASE_URL: 'mysql://x' },
      file,
      overrides: { zones: 'PEK!', jobSpeed: 'fast' },
    })
    assertProblems(problems, [
      /^port \(QINGLOCAL_PORT\) must be an integer from 0 to 65535, got "abc"$/,
      /^zones \(QINGLOCAL_ZONES\): "PEK!" is not a zone id like pek3a$/,
      /^jobSpeed \(QINGLOCAL_JOB_SPEED\) must be one of realistic, instant, manual, got "fast"$/,
      /^databaseUrl \(DATABASE_URL\) must be .*, got "mysql:\/\/x"$/,
      new RegExp(`^config file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: unknown setting "listen" \\(known: host, port, data, `),
    ])
  })

  it('reports an unreadable file together with the other problems', () => {
    const missing = join(dir, 'no-such-file.yaml')
    assertProblems(problemsOf({ env: { QINGLOCAL_PORT: '70000' }, file: missing }), [
      new RegExp(`^config file ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ENOENT`),
      /^port \(QINGLOCAL_PORT\) must be an integer from 0 to 65535, got "70000"$/,
    ])
    // a directory is no more readable as a file
    assertProblems(problemsOf({ env: {}, file: dir }), [/^config file .*: EISDIR/])
  })

  it('reports a file that is not YAML, or not a mapping', () => {
    assertProblems(problemsOf({ env: {}, file: yamlFile('port: [8080\n') }), [/^config file .*config-\d+\.yaml: /])
    assertProblems(problemsOf({ env: {}, file: yamlFile('- port\n- 8080\n') }), [/^config file .*: expected a mapping of settings$/])
    assertProblems(problemsOf({ env: {}, file: yamlFile('just a string\n') }), [/^config file .*: expected a mapping of settings$/])
  })

  it('lists every bad zone, an empty zone list and a zone given twice', () => {
    assertProblems(problemsOf({ env: { QINGLOCAL_ZONES: 'pek3a,PEK!,pek 3,pek3a' } }), [/"PEK!" is not a zone id/, /"pek 3" is not a zone id/, /lists a zone twice/])
    assertProblems(problemsOf({ env: {}, overrides: { zones: ' , ' } }), [/^zones \(QINGLOCAL_ZONES\) must name at least one zone$/])
    assertProblems(problemsOf({ env: {}, file: yamlFile('zones: []\n') }), [/must name at least one zone/])
  })

  it('rejects numbers that are not integers in range', () => {
    assertProblems(
      problemsOf({
        env: { QINGLOCAL_PORT: '-1', QINGLOCAL_TIMESTAMP_WINDOW: '0', QINGLOCAL_BODY_LIMIT: '10', QINGLOCAL_SEED: 'x' },
        file: yamlFile('port: 80.5\n'),
      }),
      [/^port .* got "-1"$/, /^timestampWindowSeconds \(QINGLOCAL_TIMESTAMP_WINDOW\) must be an integer from 1 to 86400, got "0"$/, /^bodyLimitBytes .* got "10"$/, /^seed \(QINGLOCAL_SEED\) .* got "x"$/],
    )
    assertProblems(problemsOf({ env: {}, file: yamlFile('port: 80.5\ntimestamp_window: 60s\n') }), [/^port .* got "80\.5"$/, /^timestampWindowSeconds .* got "60s"$/])
  })

  it('rejects API rate limits out of range and an unknown time zone', () => {
    assertProblems(problemsOf({ env: { QINGLOCAL_API_DAILY_LIMIT: '-1', QINGLOCAL_API_BURST_LIMIT: 'lots', QINGLOCAL_API_BURST_SECONDS: '0', QINGLOCAL_TIMEZONE: 'Mars/Olympus' } }), [
      /^apiDailyLimit \(QINGLOCAL_API_DAILY_LIMIT\) must be an integer from 0 to 1000000000, got "-1"$/,
      /^apiBurstLimit \(QINGLOCAL_API_BURST_LIMIT\) must be an integer from 0 to 1000000000, got "lots"$/,
      /^apiBurstSeconds \(QINGLOCAL_API_BURST_SECONDS\) must be an integer from 1 to 3600, got "0"$/,
      /^timezone \(QINGLOCAL_TIMEZONE\) must be an IANA time zone such as UTC or Asia\/Shanghai, got "Mars\/Olympus"$/,
    ])
  })

  it('derives the per-user in-flight limit from the global one and refuses one above it', () => {
    assert.equal(loadConfig({ env: { QINGLOCAL_MAX_IN_FLIGHT: '40' } }).maxInFlightPerUser, 10)
    assert.equal(loadConfig({ env: { QINGLOCAL_MAX_IN_FLIGHT: '3' } }).maxInFlightPerUser, 1)
    assert.equal(loadConfig({ env: { QINGLOCAL_MAX_IN_FLIGHT: '8', QINGLOCAL_MAX_IN_FLIGHT_PER_USER: '8' } }).maxInFlightPerUser, 8)
    assertProblems(problemsOf({ env: { QINGLOCAL_MAX_IN_FLIGHT: '8', QINGLOCAL_MAX_IN_FLIGHT_PER_USER: '9' } }), [
      /^maxInFlightPerUser \(QINGLOCAL_MAX_IN_FLIGHT_PER_USER\) must be at most maxInFlight \(QINGLOCAL_MAX_IN_FLIGHT\), 8, got "9"$/,
    ])
    assertProblems(problemsOf({ env: {}, file: yamlFile('max_in_flight_per_user: 0\n') }), [/^maxInFlightPerUser \(QINGLOCAL_MAX_IN_FLIGHT_PER_USER\) must be an integer from 1 to 100000, got "0"$/])
  })

  it('rejects a starting balance that is not an amount of yuan', () => {
    for (const bad of ['-5', '1e6', '12.34567', 'lots']) {
      assertProblems(problemsOf({ env: { QINGLOCAL_BOOTSTRAP_BALANCE: bad } }), [new RegExp(`^bootstrapBalance \\(QINGLOCAL_BOOTSTRAP_BALANCE\\) must be an amount of yuan such as 100000 or 12\\.50, got "${bad.replace('.', '\\.')}"$`)])
    }
  })

  it('rejects a bad log level, a bad boolean and a bad host', () => {
    assertProblems(problemsOf({ env: { QINGLOCAL_LOG_LEVEL: 'loud', QINGLOCAL_DEBUG_SIGNATURES: 'maybe', QINGLOCAL_HOST: 'a host' } }), [
      /^logLevel \(QINGLOCAL_LOG_LEVEL\) must be one of fatal, error, warn, info, debug, trace, silent, got "loud"$/,
      /^debugSignatures \(QINGLOCAL_DEBUG_SIGNATURES\) must be true or false, got "maybe"$/,
      /^host \(QINGLOCAL_HOST\) is not a host name or address: "a host"$/,
    ])
  })

  it('reads the usual spellings of booleans', () => {
    for (const yes of ['1', 'true', 'YES', 'on']) assert.equal(loadConfig({ env: { QINGLOCAL_DEBUG_SIGNATURES: yes } }).debugSignatures, true, yes)
    for (const no of ['0', 'false', 'No', 'off']) assert.equal(loadConfig({ env: { QINGLOCAL_DEBUG_SIGNATURES: no } }).debugSignatures, false, no)
  })

  it('accepts the edges of the port range', () => {
    assert.equal(loadConfig({ env: {}, overrides: { port: 0 } }).port, 0)
    assert.equal(loadConfig({ env: {}, overrides: { port: '65535' } }).port, 65535)
  })
})

describe('TLS', () => {
  /** Two certificate/key pairs made by src/tls.ts into the temp dir. */
  let pairs: { cert: string; key: string }[]
  before(async () => {
    pairs = []
    for (const name of ['tls-a', 'tls-b']) {
      await ensureSelfSigned(join(dir, name))
      pairs.push({ cert: join(dir, name, 'tls', 'server.pem'), key: join(dir, name, 'tls', 'server.key') })
    }
  })

  it('is off by default; a certificate and its key come from flags, the environment or the file, as absolute paths', () => {
    const off = loadConfig({ env: {} })
    assert.deepEqual([off.tlsCert, off.tlsKey, off.tlsSelfSigned], ['', '', false])
    const [a] = pairs
    const fromEnv = loadConfig({ env: { QINGLOCAL_TLS_CERT: a!.cert, QINGLOCAL_TLS_KEY: a!.key } })
    assert.deepEqual([fromEnv.tlsCert, fromEnv.tlsKey], [a!.cert, a!.key])
    const fromFile = loadConfig({ env: {}, file: yamlFile(`tls_cert: ${a!.cert}\ntls_key: ${a!.key}\n`) })
    assert.deepEqual([fromFile.tlsCert, fromFile.tlsKey], [a!.cert, a!.key])
    assert.equal(loadConfig({ env: { QINGLOCAL_TLS_SELF_SIGNED: 'yes' } }).tlsSelfSigned, true)
    assert.equal(loadConfig({ env: {}, file: yamlFile('tls_self_signed: true\n') }).tlsSelfSigned, true)
  })

  it('refuses one file without the other, unreadable or non-PEM files, a key that is not the certificate’s, and self-signed with files', () => {
    const [a, b] = pairs
    assertProblems(problemsOf({ env: { QINGLOCAL_TLS_CERT: a!.cert } }), [/^tlsKey \(QINGLOCAL_TLS_KEY\) must be set too/])
    assertProblems(problemsOf({ env: {}, overrides: { tlsKey: a!.key } }), [/^tlsCert \(QINGLOCAL_TLS_CERT\) must be set too/])
    const missing = join(dir, 'no-such.pem')
    assertProblems(problemsOf({ env: { QINGLOCAL_TLS_CERT: missing, QINGLOCAL_TLS_KEY: a!.key } }), [/^tlsCert \(QINGLOCAL_TLS_CERT\): cannot read .*no-such\.pem: ENOENT$/])
    const junk = yamlFile('not a certificate\n')
    assertProblems(problemsOf({ env: { QINGLOCAL_TLS_CERT: junk, QINGLOCAL_TLS_KEY: junk } }), [/^tlsCert \(QINGLOCAL_TLS_CERT\): .* is not a PEM certificate/, /^tlsKey \(QINGLOCAL_TLS_KEY\): .* is not a PEM private key/])
    // a certificate where the key should be is not a key either
    assertProblems(problemsOf({ env: { QINGLOCAL_TLS_CERT: a!.cert, QINGLOCAL_TLS_KEY: a!.cert } }), [/^tlsKey \(QINGLOCAL_TLS_KEY\): .* is not a PEM private key/])
    assertProblems(problemsOf({ env: { QINGLOCAL_TLS_CERT: a!.cert, QINGLOCAL_TLS_KEY: b!.key } }), [
      /^tlsKey \(QINGLOCAL_TLS_KEY\): .*tls-b\/tls\/server\.key is not the private key of the certificate in .*tls-a\/tls\/server\.pem \(CN=localhost, O=QingLocal\)$/,
    ])
    assertProblems(problemsOf({ env: { QINGLOCAL_TLS_SELF_SIGNED: '1', QINGLOCAL_TLS_CERT: a!.cert, QINGLOCAL_TLS_KEY: a!.key } }), [/^tlsSelfSigned \(QINGLOCAL_TLS_SELF_SIGNED\) generates its own certificate/])
  })
})

describe('the result', () => {
  it('is frozen, zones included', () => {
    const config = loadConfig({ env: {} })
    assert.ok(Object.isFrozen(config), 'config is frozen')
    assert.ok(Object.isFrozen(config.zones), 'config.zones is frozen')
    assert.throws(() => {
      ;(config as { port: number }).port = 1
    }, TypeError)
    assert.throws(() => (config.zones as string[]).push('gd2a'), TypeError)
    assert.equal(config.port, 7777)
    assert.deepEqual([...loadConfig({ env: {} }).zones], ['pek3a', 'sh1a'])
  })
})
