// Key pairs written straight to the store, for tests that need one owned by another user, in
// another zone, or bound to an instance, without running CreateKeyPair / AttachKeyPairs.
import { formatTime } from '../../src/lib/clock.ts'
import type { KeyPairTable } from '../../src/store/database.ts'
import type { TestApp } from './harness.ts'

let counter = 0

/** A valid Ed25519 public key line (from RFC 8032 test 1's public key). */
export const ED25519_PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINdamAGCsQq31Uv+08lkBzoO4XLz2qYjJa8CGmj3B1Ea fixture'

/** An ssh-ed25519 key pair in pek3a owned by the test user, unless overridden. */
export async function insertKeyPair(t: TestApp, overrides: Partial<KeyPairTable> = {}): Promise<KeyPairTable> {
  const row: KeyPairTable = {
    keypair_id: `kp-fx${String(++counter).padStart(6, '0')}`,
    zone_id: 'pek3a',
    owner: t.user.user_id,
    keypair_name: 'fixture',
    description: null,
    encrypt_method: 'ssh-ed25519',
    pub_key: ED25519_PUBLIC_KEY,
    create_time: formatTime(t.clock.now()),
    ...overrides,
  }
  await t.store.db.insertInto('keypairs').values(row).execute()
  return row
}

/** Binds key pairs to an instance directly, as a settled AttachKeyPairs would. */
export async function bindKeyPair(t: TestApp, keypair_id: string, instance_id: string): Promise<void> {
  await t.store.db
    .insertInto('keypair_instances')
    .values({ keypair_id, instance_id, create_time: formatTime(t.clock.now()) })
    .execute()
}
