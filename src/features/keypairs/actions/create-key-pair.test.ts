import assert from 'node:assert/strict'
import { createPrivateKey, createPublicKey } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { ED25519_PUBLIC_KEY } from '../../../../test/support/fixtures-keypairs.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const describeOne = async (id: string) => (await t.call('DescribeKeyPairs', { keypairs: [id] })).keypair_set[0]
const count = async () => (await t.call('DescribeKeyPairs')).total_count as number

/** The public key inside a private key, as "type base64" (what `ssh-keygen -y` prints). */
function publicOf(privateKeyPem: string): string {
  const jwk = createPublicKey(createPrivateKey(privateKeyPem)).export({ format: 'jwk' })
  const str = (b: Buffer) => Buffer.concat([Buffer.from([b.length >>> 24, (b.length >>> 16) & 255, (b.length >>> 8) & 255, b.length & 255]), b])
  const mp = (v: string) => {
    const b = Buffer.from(v, 'base64url')
    return str(b[0]! & 0x80 ? Buffer.concat([Buffer.of(0), b]) : b)
  }
  return `ssh-rsa ${Buffer.concat([str(Buffer.from('ssh-rsa')), mp(jwk.e!), mp(jwk.n!)]).toString('base64')}`
}

describe('CreateKeyPair', () => {
  it('mode=system (the default) generates a 2048-bit RSA pair: the private key is returned once, the public key stored', async () => {
    const reply = await t.call('CreateKeyPair', { keypair_name: 'deploy', description: 'ci key' })
    assert.equal(reply.ret_code, 0)
    assert.match(reply.keypair_id, /^kp-[0-9a-z]{8}$/)
    assert.match(reply.private_key, /^-----BEGIN RSA PRIVATE KEY-----\n/)
    const key = createPrivateKey(reply.private_key)
    assert.equal(key.asymmetricKeyDetails?.modulusLength, 2048)

    const kp = await describeOne(reply.keypair_id)
    assert.deepEqual(kp, {
      keypair_id: reply.keypair_id,
      keypair_name: 'deploy',
      description: 'ci key',
      encrypt_method: 'ssh-rsa',
      pub_key: `${publicOf(reply.private_key)} ${reply.keypair_id}`,
      instance_ids: [],
      resource_ids: [],
      tags: [],
      owner: t.user.user_id,
      zone_id: 'pek3a',
      create_time: '2026-01-15T08:00:00Z',
    })
    // the private key is nowhere in the store
    const row = await t.store.db.selectFrom('keypairs').selectAll().where('keypair_id', '=', reply.keypair_id).executeTakeFirstOrThrow()
    assert.ok(!JSON.stringify(row).includes('PRIVATE'))
  })

  it('generates every offered type, and the Go SDK’s defaults (encrypt_method=ssh-rsa&mode=system) work', async () => {
    for (const [method, header] of [
      ['ssh-dss', 'PRIVATE KEY'],
      ['ecdsa-sha2-nistp521', 'EC PRIVATE KEY'],
      ['ssh-ed25519', 'OPENSSH PRIVATE KEY'],
      ['ssh-rsa', 'RSA PRIVATE KEY'],
    ] as const) {
      const reply = await t.call('CreateKeyPair', { keypair_name: method, encrypt_method: method, mode: 'system' })
      assert.equal(reply.ret_code, 0, reply.message)
      assert.ok(reply.private_key.startsWith(`-----BEGIN ${header}-----`), `${method}: ${reply.private_key.slice(0, 40)}`)
      const kp = await describeOne(reply.keypair_id)
      assert.equal(kp.encrypt_method, method)
      assert.ok(kp.pub_key.startsWith(`${method} AAAA`))
    }
  })

  it('mode=user imports a public key: its type wins over encrypt_method, no private key comes back', async () => {
    const reply = await t.call('CreateKeyPair', { keypair_name: 'laptop', mode: 'user', encrypt_method: 'ssh-rsa', public_key: `${ED25519_PUBLIC_KEY}\n` })
    assert.deepEqual(Object.keys(reply).sort(), ['action', 'keypair_id', 'private_key', 'ret_code'])
    assert.equal(reply.private_key, '')
    const kp = await describeOne(reply.keypair_id)
    assert.equal(kp.encrypt_method, 'ssh-ed25519')
    assert.equal(kp.pub_key, ED25519_PUBLIC_KEY)
    assert.equal(kp.description, null)
  })

  it('answers 1100 naming the problem, and stores nothing, for bad keys and bad parameters', async () => {
    const before = await count()
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ mode: 'user', public_key: 'ssh-rsa AAAAB3NzaC1yc2E' }, /public_key is not a valid public key: the key data is/],
      [{ mode: 'user', public_key: 'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY=' }, /key type \[ecdsa-sha2-nistp256\] is not supported/],
      [{ mode: 'user', public_key: ED25519_PUBLIC_KEY.replace('ssh-ed25519', 'ssh-rsa') }, /is a \[ssh-ed25519\] key, not \[ssh-rsa\]/],
      [{ mode: 'user' }, /missing parameter public_key/],
      [{ public_key: ED25519_PUBLIC_KEY }, /public_key is only accepted with mode \[user\]/],
      [{ mode: 'admin' }, /unsupported parameter mode value admin/],
      [{ encrypt_method: 'ssh-ed448' }, /unsupported parameter encrypt_method value ssh-ed448/],
      [{ keypair_name: 'x'.repeat(256) }, /parameter keypair_name has an invalid length/],
    ]
    for (const [params, message] of cases) {
      const reply = await t.call('CreateKeyPair', { keypair_name: 'bad', ...params })
      assert.equal(reply.ret_code, 1100, JSON.stringify(params))
      assert.match(reply.message, /^InvalidRequestFormat, /)
      assert.match(reply.message, message)
    }
    assert.equal(await count(), before)
  })

  it('needs a zone it offers', async () => {
    assert.equal((await t.call('CreateKeyPair', { keypair_name: 'z', zone: 'nowhere' })).ret_code, 1400)
  })
})
