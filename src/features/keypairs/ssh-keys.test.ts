import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { generateSshKeyPair, InvalidPublicKey, KEY_TYPES, parsePublicKey } from './ssh-keys.ts'

// OpenSSH's own tools are the judge when the machine has them; the parser round trip always runs
const sshKeygen = (() => {
  try {
    execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' })
    return true
  } catch (error) {
    return (error as { status?: number }).status !== undefined // ran, just disliked "-?"
  }
})()
const work = mkdtempSync(join(tmpdir(), 'ssh-keys-'))
after(() => rmSync(work, { recursive: true, force: true }))

function keygen(args: string[], file: string, text: string): string {
  writeFileSync(file, text, { mode: 0o600 })
  return execFileSync('ssh-keygen', [...args, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
}

const rejects = (text: string, reason: RegExp) =>
  assert.throws(
    () => parsePublicKey(text),
    (e: unknown) => e instanceof InvalidPublicKey && reason.test(e.message),
  )

describe('generateSshKeyPair', () => {
  for (const type of KEY_TYPES) {
    it(`makes a real ${type} key pair whose public line parses back unchanged`, async () => {
      const pair = await generateSshKeyPair(type, 'kp-test0001')
      assert.match(pair.publicKey, new RegExp(`^${type} [A-Za-z0-9+/]+=* kp-test0001$`))
      assert.deepEqual(parsePublicKey(pair.publicKey), { type, line: pair.publicKey })
      assert.match(pair.privateKey, /^-----BEGIN [A-Z ]*PRIVATE KEY-----\n/)
    })

    it(`${type}: ssh-keygen reads the public key and derives it from the private key`, { skip: !sshKeygen && 'ssh-keygen is not installed' }, async () => {
      const pair = await generateSshKeyPair(type, 'kp-test0002')
      const fingerprint = keygen(['-l', '-f'], join(work, `${type}.pub`), `${pair.publicKey}\n`)
      assert.match(fingerprint, /SHA256:\S+ kp-test0002/)
      const derived = keygen(['-y', '-f'], join(work, type), pair.privateKey)
      assert.equal(derived.split(' ').slice(0, 2).join(' '), pair.publicKey.split(' ').slice(0, 2).join(' '))
    })
  }

  it('makes 2048-bit RSA keys', { skip: !sshKeygen && 'ssh-keygen is not installed' }, async () => {
    const pair = await generateSshKeyPair('ssh-rsa', 'c')
    assert.match(keygen(['-l', '-f'], join(work, 'bits.pub'), pair.publicKey), /^2048 /)
  })
})

describe('parsePublicKey', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const ed = generateKeyPairSync('ed25519')

  it('keeps the comment, normalises surrounding blanks, and accepts keys without a comment', async () => {
    const { publicKey } = await generateSshKeyPair('ssh-ed25519', '')
    assert.equal(parsePublicKey(`  ${publicKey}\n`).line, publicKey)
    assert.equal(parsePublicKey(`${publicKey}   alice@laptop  home`).line, `${publicKey} alice@laptop home`)
  })

  it('accepts keys written by ssh-keygen', { skip: !sshKeygen && 'ssh-keygen is not installed' }, () => {
    for (const [type, args] of [
      ['ssh-rsa', ['-t', 'rsa', '-b', '3072']],
      ['ecdsa-sha2-nistp521', ['-t', 'ecdsa', '-b', '521']],
      ['ssh-ed25519', ['-t', 'ed25519']],
    ] as const) {
      const file = join(work, `own-${type}`)
      rmSync(file, { force: true })
      execFileSync('ssh-keygen', [...args, '-N', '', '-C', 'me@host', '-q', '-f', file])
      const line = execFileSync('cat', [`${file}.pub`], { encoding: 'utf8' }).trim()
      assert.deepEqual(parsePublicKey(line), { type, line })
    }
  })

  it('rejects what is not a one-line OpenSSH public key', () => {
    rejects('', /expected/)
    rejects('AAAAB3NzaC1yc2E', /expected/)
    rejects(rsa.publicKey.export({ type: 'spki', format: 'pem' }) as string, /not supported/)
  })

  it('rejects key types QingCloud does not offer', () => {
    rejects('ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY=', /key type \[ecdsa-sha2-nistp256\] is not supported/)
    rejects('ssh-ed448 AAAA', /not supported/)
  })

  it('rejects broken base64, truncated data, a type mismatch and trailing bytes', async () => {
    const { publicKey } = await generateSshKeyPair('ssh-ed25519', '')
    const blob = Buffer.from(publicKey.split(' ')[1]!, 'base64')
    rejects('ssh-ed25519 not*base64', /base64/)
    rejects(`ssh-ed25519 ${blob.subarray(0, blob.length - 5).toString('base64')}`, /truncated/)
    rejects(`ssh-rsa ${blob.toString('base64')}`, /is a \[ssh-ed25519\] key, not \[ssh-rsa\]/)
    rejects(`ssh-ed25519 ${Buffer.concat([blob, Buffer.of(0)]).toString('base64')}`, /trailing/)
  })

  it('checks the numbers: RSA size, Ed25519 length, ECDSA point on the curve', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 768 })
    const smallLine = await lineOf('ssh-rsa', small.publicKey.export({ format: 'jwk' }))
    rejects(smallLine, /768 bits, at least 1024/)

    const edBlob = Buffer.from(parsePublicKey(await lineOf('ssh-ed25519', ed.publicKey.export({ format: 'jwk' }))).line.split(' ')[1]!, 'base64')
    const shortEd = Buffer.concat([edBlob.subarray(0, 15), Buffer.from([0, 0, 0, 31]), edBlob.subarray(19, 50)])
    rejects(`ssh-ed25519 ${shortEd.toString('base64')}`, /32 bytes, not 31/)

    const { publicKey } = await generateSshKeyPair('ecdsa-sha2-nistp521', '')
    const ec = Buffer.from(publicKey.split(' ')[1]!, 'base64')
    ec[ec.length - 1]! ^= 1 // moves the point off the curve
    rejects(`ecdsa-sha2-nistp521 ${ec.toString('base64')}`, /do not form a valid key/)
  })
})

/** Builds an OpenSSH line from a JWK by hand (independently of the code under test). */
async function lineOf(type: 'ssh-rsa' | 'ssh-ed25519', jwk: { n?: string; e?: string; x?: string }): Promise<string> {
  const str = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, 0].map((_, i) => (b.length >>> (24 - 8 * i)) & 255)), b])
  const mp = (b64: string) => {
    const b = Buffer.from(b64, 'base64url')
    return str(b[0]! & 0x80 ? Buffer.concat([Buffer.of(0), b]) : b)
  }
  const parts = type === 'ssh-rsa' ? [str(Buffer.from(type)), mp(jwk.e!), mp(jwk.n!)] : [str(Buffer.from(type)), str(Buffer.from(jwk.x!, 'base64url'))]
  return `${type} ${Buffer.concat(parts).toString('base64')}`
}
