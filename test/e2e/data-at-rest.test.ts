// What serve() leaves on disk: the data directory is 0700 and every file in it (the SQLite database
// and its -wal and -shm files, master.key, the credential files) 0600, whatever the umask, on a
// fresh directory and on one an older version left readable; and the verification mail of a
// Register is in no file in clear, while DescribeOutbox shows it and its token works.
//
// Like serve.test.ts, every server here uses the embedded SQLite store in a temp data directory,
// on TEST_DATABASE=postgres as well: the file store is the subject.
import assert from 'node:assert/strict'
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { callApi } from '../../src/cli/client.ts'
import { readCredentials } from '../../src/cli/credentials.ts'
import type { Server } from '../../src/main.ts'
import { serveQuietly } from '../support/serve-quietly.ts'
import { recordCode } from '../support/codes.ts'

const TIMEOUT = 30_000
const root = mkdtempSync(join(tmpdir(), 'qinglocal-at-rest-'))
after(() => rmSync(root, { recursive: true, force: true }))

const mode = (path: string) => statSync(path).mode & 0o777

/**
 * serve() with every permission the umask could leave, so only the server's own chmods count. Only
 * the start-up banner is kept from stdout: the test runner reports through it meanwhile.
 */
async function startWithOpenUmask(dataDir: string): Promise<Server> {
  const umask = process.umask(0)
  try {
    return await serveQuietly({ dataDir })
  } finally {
    process.umask(umask)
  }
}

async function register(server: Server, email: string): Promise<void> {
  const response = await fetch(`${server.url}/account/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action: 'Register', email, password: 'long enough 1' }).toString(),
  })
  const reply = (await response.json()) as { ret_code: number; message?: string }
  recordCode(reply.ret_code)
  assert.equal(reply.ret_code, 0, reply.message)
}

function assertPrivate(dataDir: string): void {
  assert.equal(mode(dataDir).toString(8), '700', 'the data directory')
  const files = readdirSync(dataDir).filter((name) => statSync(join(dataDir, name)).isFile())
  for (const name of ['qinglocal.db', 'qinglocal.db-wal', 'qinglocal.db-shm', 'master.key', 'config.yaml', 'admin.yaml', 'console-password.txt']) assert.ok(files.includes(name), `${name} is there`)
  for (const name of files) assert.equal(mode(join(dataDir, name)).toString(8), '600', name)
}

describe('the data directory at rest', () => {
  const dataDir = join(root, 'nested', 'data') // not there yet: the first start creates it

  it('is 0700 with every file 0600 on a fresh start with umask 0, and holds no mailed token in clear', { timeout: TIMEOUT }, async () => {
    const server = await startWithOpenUmask(dataDir)
    try {
      const email = 'at-rest@example.com'
      await register(server, email)
      assertPrivate(dataDir)

      const admin = readCredentials(join(dataDir, 'admin.yaml'))
      const outbox = await callApi({ ...admin, uri: '/admin/' }, 'DescribeOutbox', { to_address: email })
      assert.equal(outbox.ret_code, 0, JSON.stringify(outbox))
      const body = (outbox.mail_set as Array<{ body: string }>)[0]!.body
      const token = /token=([A-Za-z0-9_-]{43})/.exec(body)?.[1]
      assert.ok(token, body)
      for (const name of readdirSync(dataDir).filter((n) => n.startsWith('qinglocal.db'))) {
        const bytes = readFileSync(join(dataDir, name))
        assert.ok(!bytes.includes(token) && !bytes.includes('token='), `${name} holds the mailed token in clear`)
      }
      const verify = await fetch(`${server.url}/account/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ action: 'VerifyEmail', token }).toString(),
      })
      assert.equal(((await verify.json()) as { ret_code: number }).ret_code, 0, 'the token from DescribeOutbox works')
    } finally {
      await server.close()
    }
  })

  it('tightens a data directory an older version left readable to others', { timeout: TIMEOUT }, async () => {
    chmodSync(dataDir, 0o755)
    for (const name of readdirSync(dataDir)) chmodSync(join(dataDir, name), 0o644)
    const server = await startWithOpenUmask(dataDir)
    try {
      await register(server, 'at-rest-again@example.com')
      assertPrivate(dataDir)
    } finally {
      await server.close()
    }
  })
})
