// `qinglocal serve` over HTTPS: a self-signed CA and localhost certificate made once into
// <data>/tls/ (keys 0600) and reused; a signed DescribeZones answered with only that CA trusted
// (by node, by `qinglocal call` finding the CA beside its credentials or told by --ca, and by
// Python's http.client with SSL_CERT_FILE, the TLS path of the Python SDK: test/support/python-https-call.py);
// the same port refuses plain http; the credential files say `protocol: https`; an operator's own
// certificate and key (--tls-cert/--tls-key) serve too; with `--workers 2` every worker speaks TLS.
// Servers use the embedded SQLite file store of a temp data directory on both test databases, as
// serve.test.ts does: what is on disk is the subject here.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { X509Certificate } from 'node:crypto'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { parse as parseYaml } from 'yaml'
import { signedRequest } from '../../src/cli/client.ts'
import { readCredentials } from '../../src/cli/credentials.ts'
import type { ConfigInput } from '../../src/config.ts'
import { recordCode } from '../support/codes.ts'
import { serveCapturingBanner } from '../support/serve-quietly.ts'
import { runQinglocal } from '../support/run-cli.ts'
import { childEnv, root, SETTLE_WITHIN_MS } from '../support/e2e-server.ts'
import { qinglocalSource } from '../support/source-bin.ts'

const TIMEOUT = 60_000
const dirs: string[] = []
function tempData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qinglocal-tls-'))
  dirs.push(dir)
  return join(dir, 'data')
}
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** serve() in this process on a free port, its banner captured rather than printed. */
const startInProcess = (overrides: ConfigInput) => serveCapturingBanner(overrides)

/** A signed action over https with only `ca` trusted, signed with the user credential file of `dataDir`. */
async function callTls(dataDir: string, ca: string | undefined, action: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const credentials = readCredentials(join(dataDir, 'config.yaml'))
  const request = signedRequest(credentials, action, { zone: credentials.zone, ...params })
  const text = await new Promise<string>((resolve, reject) => {
    const req = httpsRequest(request.url, { method: request.method, agent: false, ...(ca !== undefined && { ca }) }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve(body))
      response.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
  const reply = JSON.parse(text) as Record<string, unknown>
  recordCode(reply.ret_code as number)
  return reply
}

/** What a plain-http request to the TLS port gets: an HTTP status, or the error that ended it. */
function plainHttp(url: string): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(url.replace(/^https:/, 'http:') + '/iaas/?action=DescribeZones', { agent: false, timeout: 5000 }, (response) => {
      response.resume()
      resolve({ status: response.statusCode })
    })
    req.on('timeout', () => req.destroy(new Error('timed out')))
    req.on('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message }))
    req.end()
  })
}

const mode = (path: string) => statSync(path).mode & 0o777

/** test/support/python-https-call.py with the machine's python3: one signed call, exit code and output. */
async function pythonCall(credentialsFile: string, env: Record<string, string>, action: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = join(root, 'test', 'support', 'python-https-call.py')
  // only PATH from this environment: a machine-wide SSL_CERT_FILE must not decide the outcome
  const child = spawn('python3', [script, credentialsFile, action], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
  })
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  const [code] = (await once(child, 'exit')) as [number]
  return { code, stdout, stderr }
}

const qinglocal = (args: string[]) => runQinglocal(args)

describe('qinglocal serve --tls-self-signed', { timeout: TIMEOUT }, () => {
  it('makes a CA and a localhost certificate once, serves signed requests over https with that CA trusted, and refuses plain http', async () => {
    const dataDir = tempData()
    const { server, banner } = await startInProcess({ dataDir, tlsSelfSigned: true })
    const tlsDir = join(dataDir, 'tls')
    try {
      assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/)
      assert.match(banner, /QingLocal API\s+https:\/\/127\.0\.0\.1:\d+\/iaas\//)
      assert.match(banner, /console\s+https:\/\//)
      assert.match(banner, /trust the CA in .*tls\/ca\.pem/)

      // the files and their modes: the key is its owner's only, and so is the directory
      assert.equal(mode(join(tlsDir, 'server.key')), 0o600)
      assert.equal(mode(tlsDir), 0o700)
      const ca = readFileSync(join(tlsDir, 'ca.pem'), 'utf8')
      const cert = new X509Certificate(readFileSync(join(tlsDir, 'server.pem')))
      assert.ok(cert.checkIssued(new X509Certificate(ca)), 'the server certificate is issued by the generated CA')
      assert.ok(cert.checkHost('localhost') && cert.checkIP('127.0.0.1') && cert.checkIP('::1'))
      assert.equal(new X509Certificate(ca).ca, true)

      // both credential files: https, this port
      for (const file of ['config.yaml', 'admin.yaml']) {
        const doc = parseYaml(readFileSync(join(dataDir, file), 'utf8')) as Record<string, unknown>
        assert.equal(doc.protocol, 'https', file)
        assert.equal(`https://${doc.host}:${doc.port}`, server.url, file)
      }

      const zones = await callTls(dataDir, ca, 'DescribeZones')
      assert.equal(zones.ret_code, 0, JSON.stringify(zones))
      assert.ok((zones.zone_set as { zone_id: string }[]).some((z) => z.zone_id === 'pek3a'))

      // untrusted (the machine's CAs only), the handshake fails: the certificate is not a public one
      await assert.rejects(callTls(dataDir, undefined, 'DescribeZones'), (error: NodeJS.ErrnoException) => /CERT|SIGNED|ISSUER|VERIFY/.test(String(error.code)))
      // the CLI trusts tls/ca.pem beside the credentials file by itself; a copy of the file
      // elsewhere needs --ca, and without it the handshake fails (exit 2, the reason named)
      const beside = await qinglocal(['call', 'DescribeZones', '-f', join(dataDir, 'config.yaml')])
      assert.equal(beside.code, 0, beside.stderr)
      assert.equal(JSON.parse(beside.stdout).ret_code, 0)
      const elsewhere = join(dataDir, '..', 'config-copy.yaml')
      copyFileSync(join(dataDir, 'config.yaml'), elsewhere)
      const untrusted = await qinglocal(['call', 'DescribeZones', '-f', elsewhere])
      assert.equal(untrusted.code, 2)
      assert.match(untrusted.stderr, /cannot reach https:\/\/127\.0\.0\.1:\d+\/iaas\/: .*(certificate|CERT)/i)
      const trusted = await qinglocal(['call', 'DescribeZones', '-f', elsewhere, '--ca', join(tlsDir, 'ca.pem')])
      assert.equal(trusted.code, 0, trusted.stderr)
      const health = await qinglocal(['health', '--json', '-f', join(dataDir, 'admin.yaml')])
      assert.equal(health.code, 0, health.stderr)
      const missing = await qinglocal(['call', 'DescribeZones', '-f', elsewhere, '--ca', join(tlsDir, 'nothing.pem')])
      assert.equal(missing.code, 2)
      assert.match(missing.stderr, /cannot read CA file .*nothing\.pem/)

      // Python's TLS stack as the Python SDK uses it (http.client, the default context): trusts the
      // CA named by SSL_CERT_FILE, refuses the handshake with the system's roots only
      const python = await pythonCall(join(dataDir, 'config.yaml'), { SSL_CERT_FILE: join(tlsDir, 'ca.pem') }, 'DescribeZones')
      assert.equal(python.code, 0, python.stderr)
      assert.ok((JSON.parse(python.stdout).zone_set as { zone_id: string }[]).some((z) => z.zone_id === 'pek3a'))
      const pythonUntrusted = await pythonCall(join(dataDir, 'config.yaml'), {}, 'DescribeZones')
      assert.equal(pythonUntrusted.code, 3, pythonUntrusted.stdout)
      assert.match(pythonUntrusted.stderr, /CERTIFICATE_VERIFY_FAILED/)

      // plain http on the TLS port gets no HTTP answer
      const plain = await plainHttp(server.url)
      assert.equal(plain.status, undefined, `plain http was answered with HTTP ${plain.status}`)
      assert.ok(plain.error)
    } finally {
      await server.close()
    }

    // a later start reuses the same CA and certificate: a client that trusts ca.pem keeps working
    const before = { ca: readFileSync(join(tlsDir, 'ca.pem'), 'utf8'), cert: readFileSync(join(tlsDir, 'server.pem'), 'utf8'), key: readFileSync(join(tlsDir, 'server.key'), 'utf8') }
    const again = await startInProcess({ dataDir, tlsSelfSigned: true })
    try {
      assert.deepEqual({ ca: readFileSync(join(tlsDir, 'ca.pem'), 'utf8'), cert: readFileSync(join(tlsDir, 'server.pem'), 'utf8'), key: readFileSync(join(tlsDir, 'server.key'), 'utf8') }, before)
      assert.equal((await callTls(dataDir, before.ca, 'DescribeZones')).ret_code, 0)
    } finally {
      await again.server.close()
    }
  })

  it('makes the files anew when one is missing (and the new CA, not the old, is the one to trust)', async () => {
    const dataDir = tempData()
    const first = await startInProcess({ dataDir, tlsSelfSigned: true })
    await first.server.close()
    const oldCa = readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8')
    rmSync(join(dataDir, 'tls', 'server.key'))
    const { server } = await startInProcess({ dataDir, tlsSelfSigned: true })
    try {
      const ca = readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8')
      assert.notEqual(ca, oldCa)
      assert.equal(mode(join(dataDir, 'tls', 'server.key')), 0o600)
      assert.equal((await callTls(dataDir, ca, 'DescribeZones')).ret_code, 0)
      await assert.rejects(callTls(dataDir, oldCa, 'DescribeZones'))
    } finally {
      await server.close()
    }
  })
})

describe('qinglocal serve --tls-cert --tls-key', { timeout: TIMEOUT }, () => {
  it("serves the operator's certificate and key, and the credential files say https", async () => {
    // a certificate and key made by another platform's self-signed run: any PEM pair will do
    const madeBy = tempData()
    const maker = await startInProcess({ dataDir: madeBy, tlsSelfSigned: true })
    await maker.server.close()
    const tls = join(madeBy, 'tls')

    const dataDir = tempData()
    const { server, banner } = await startInProcess({ dataDir, tlsCert: join(tls, 'server.pem'), tlsKey: join(tls, 'server.key') })
    try {
      assert.match(server.url, /^https:/)
      assert.match(banner, /tls\s+certificate .*server\.pem/)
      assert.equal((parseYaml(readFileSync(join(dataDir, 'config.yaml'), 'utf8')) as Record<string, unknown>).protocol, 'https')
      assert.equal((await callTls(dataDir, readFileSync(join(tls, 'ca.pem'), 'utf8'), 'DescribeZones')).ret_code, 0)
      // this data directory got no generated files
      assert.throws(() => statSync(join(dataDir, 'tls')), { code: 'ENOENT' })
    } finally {
      await server.close()
    }
  })

  it('does not start with a key that is not the certificate’s, naming the setting', async () => {
    const a = tempData()
    const b = tempData()
    for (const dataDir of [a, b]) await (await startInProcess({ dataDir, tlsSelfSigned: true })).server.close()
    await assert.rejects(startInProcess({ dataDir: tempData(), tlsCert: join(a, 'tls', 'server.pem'), tlsKey: join(b, 'tls', 'server.key') }), /tlsKey \(QINGLOCAL_TLS_KEY\): .* is not the private key of the certificate/)
  })
})

describe('qinglocal serve --workers 2 --tls-self-signed', { timeout: TIMEOUT }, () => {
  it('every worker speaks TLS with the one generated certificate', async () => {
    const dataDir = tempData()
    const child = spawn(process.execPath, [...qinglocalSource, 'serve', '--data', dataDir, '--port', '0', '--workers', '2', '--tls-self-signed'], {
      cwd: root,
      env: childEnv({ QINGLOCAL_WORKERS: '2', QINGLOCAL_LOG_LEVEL: 'warn' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout!.on('data', (chunk) => (out += chunk))
    child.stderr!.on('data', (chunk) => (out += chunk))
    const exit = once(child, 'close')
    try {
      const deadline = Date.now() + SETTLE_WITHIN_MS
      let baseUrl: string | undefined
      for (;;) {
        assert.equal(child.exitCode, null, `the server exited:\n${out}`)
        assert.ok(Date.now() < deadline, `not ready within ${SETTLE_WITHIN_MS} ms:\n${out}`)
        baseUrl ??= /QingLocal API\s+(https:\/\/[^/\s]+)\/iaas\//.exec(out)?.[1]
        if (baseUrl) break
        await new Promise((r) => setTimeout(r, 50))
      }
      assert.match(out, /workers\s+2 processes/)
      const ca = readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8')
      assert.equal(readCredentials(join(dataDir, 'config.yaml')).baseUrl, baseUrl)
      // one connection per request: the primary hands them to both workers in turn
      const replies = await Promise.all(Array.from({ length: 8 }, () => callTls(dataDir, ca, 'DescribeZones')))
      for (const reply of replies) assert.equal(reply.ret_code, 0, JSON.stringify(reply))
      const plain = await plainHttp(baseUrl)
      assert.equal(plain.status, undefined)
    } finally {
      child.kill('SIGTERM')
      await exit
    }
  })
})
