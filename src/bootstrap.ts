// First start: the master key for secrets at rest, the configured zones, and two ready accounts
// (an admin and a normal user) each with an access key, written out as qingcloud-cli config files.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { createAccessKey, findKey } from './features/access-keys/access-key-repo.ts'
import { countUsers, createUser, findUser, setPasswordHash } from './features/accounts/user-repo.ts'
import { hashPassword } from './lib/passwords.ts'
import { seedHosts, type HostSpec } from './features/hosts/host-repo.ts'
import { seedSystemImages } from './features/images/image-repo.ts'
import { seedInstanceTypes } from './features/instance-types/instance-type-repo.ts'
import { ensureZones } from './features/zones/zone-repo.ts'
import { seedDefaultPrices } from './features/billing/price-repo.ts'
import { seedApps } from './features/apps/seed-apps.ts'
import { seedEipPools } from './features/eips/eip-pool.ts'
import { sealClearMail } from './features/mail/outbox.ts'
import { recharge } from './features/billing/recharge.ts'
import { lockers } from './lockers.ts'
import { LockSet } from './protocol/locks.ts'
import { Wallet } from './features/billing/wallet.ts'
import type { Clock } from './lib/clock.ts'
import type { IdGenerator } from './lib/ids.ts'
import { ensurePrivateDir, restrictFiles } from './lib/private-files.ts'
import { SecretBox } from './lib/secret-box.ts'
import { readSetting, writeSetting } from './store/settings.ts'
import type { Store } from './store/store.ts'

export const MASTER_KEY_FILE = 'master.key'

/** Reads `<data>/master.key`, creating it on first start; the directory is made 0700, the key 0600. */
export function loadMasterKey(dataDir: string): SecretBox {
  ensurePrivateDir(dataDir)
  const path = join(dataDir, MASTER_KEY_FILE)
  if (!existsSync(path)) writeFileSync(path, SecretBox.generateKey().toString('base64') + '\n', { mode: 0o600, flag: 'wx' })
  restrictFiles([path])
  return SecretBox.fromKey(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64'))
}

export interface BootstrapCredentials {
  role: 'admin' | 'user'
  user_id: string
  access_key_id: string
  secret_access_key: string
}

/**
 * Makes the store ready to serve: refuses a master key that does not belong to this database (its
 * secrets could not be opened), adds configured zones, creates the bootstrap accounts once (the
 * user's key is `userKey` when given, else generated). Returns the bootstrap credentials so the
 * caller can write them out.
 */
export async function bootstrap(
  store: Store,
  deps: { box: SecretBox; clock: Clock; ids: IdGenerator; zones: readonly string[]; hosts: HostSpec; bootstrapBalance: number; eipPoolSize: number; userKey?: { access_key_id: string; secret_access_key: string } },
): Promise<BootstrapCredentials[]> {
  return store.db.transaction().execute(async (db) => {
    const fingerprint = await readSetting(db, 'master_key_fingerprint')
    if (fingerprint === undefined) await writeSetting(db, 'master_key_fingerprint', deps.box.fingerprint())
    else if (fingerprint !== deps.box.fingerprint()) {
      throw new Error(`the master key (${MASTER_KEY_FILE} in the data directory) does not belong to this database: its access-key secrets cannot be decrypted`)
    }
    // mail bodies kept in clear before they were sealed (migration 0017 cannot: it has no key)
    await sealClearMail(db, deps.box)
    const now = deps.clock.now()
    await ensureZones(db, deps.zones, now)
    // what a zone offers: hosts to place instances on, system images, instance types
    await seedHosts(db, deps.zones, deps.hosts, now)
    await seedSystemImages(db, deps.zones, now)
    await seedInstanceTypes(db, deps.zones)
    await seedDefaultPrices(db, deps.zones, now)
    // each zone's public addresses for EIPs
    await seedEipPools(db, deps.zones, deps.eipPoolSize)
    // the AppCenter apps QingLocal ships, their role images in each zone
    await seedApps(db, deps.zones, now)

    if ((await countUsers(db)) === 0) {
      for (const role of ['admin', 'user'] as const) {
        const user = await createUser(db, deps.ids, now, { email: `${role}@qinglocal.local`, user_name: role, role })
        // the user's key may be fixed (config accessKeyId/secretAccessKey): tests then know it before the first start
        const given = role === 'user' ? deps.userKey : undefined
        const key = await createAccessKey(db, { ids: deps.ids, box: deps.box, now }, { owner: user.user_id, access_key_name: `bootstrap ${role}`, given })
        await writeSetting(db, `bootstrap_${role}_access_key`, key.access_key_id)
        // the ready-to-use account can create resources at once
        if (role === 'user' && deps.bootstrapBalance > 0) {
          const wallet = await Wallet.lock({ locks: new LockSet({ db, caps: store.caps, clock: deps.clock, ids: deps.ids }, lockers, { holder: 'bootstrap', anyKey: ['wallet'] }) }, user.user_id)
          await recharge({ db, caps: store.caps, clock: deps.clock, ids: deps.ids }, wallet, deps.bootstrapBalance, 'bootstrap', 'starting balance')
        }
      }
    }

    const credentials: BootstrapCredentials[] = []
    for (const role of ['admin', 'user'] as const) {
      const keyId = await readSetting(db, `bootstrap_${role}_access_key`)
      const key = keyId ? await findKey(db, keyId) : undefined
      if (key) credentials.push({ role, user_id: key.owner, access_key_id: key.access_key_id, secret_access_key: deps.box.open(key.secret_sealed) })
    }
    return credentials
  })
}

export interface Endpoint {
  host: string
  port: number
  zone: string
  /** https when the server serves TLS (default http). */
  protocol?: 'http' | 'https'
}

/**
 * The qingcloud-cli config format, so `qingcloud iaas … -f <file>` works as is. Only these six keys:
 * the CLI passes the whole file to the Python SDK's APIConnection(**conf), which rejects any other.
 */
export function credentialsYaml(credentials: BootstrapCredentials, endpoint: Endpoint): string {
  return stringify({
    qy_access_key_id: credentials.access_key_id,
    qy_secret_access_key: credentials.secret_access_key,
    zone: endpoint.zone,
    host: endpoint.host,
    port: endpoint.port,
    protocol: endpoint.protocol ?? 'http',
  })
}

/** Writes `<data>/config.yaml` (the user) and `<data>/admin.yaml` (the admin), mode 0600. */
export function writeCredentialFiles(dataDir: string, all: BootstrapCredentials[], endpoint: Endpoint): Record<'admin' | 'user', string> {
  const paths = { admin: join(dataDir, 'admin.yaml'), user: join(dataDir, 'config.yaml') }
  for (const credentials of all) writeFileSync(paths[credentials.role], credentialsYaml(credentials, endpoint), { mode: 0o600 })
  // a file that existed keeps its old mode through writeFileSync
  restrictFiles(Object.values(paths))
  return paths
}

/** `<data>/console-password.txt`: the first start's sign-in passwords of the bootstrap accounts. */
export const CONSOLE_PASSWORD_FILE = 'console-password.txt'

/**
 * The web console needs a password where the API needs a key: a bootstrap account without one
 * gets a random one, written with its email to `<data>/console-password.txt` (0600) beside the
 * credential files. The store keeps only the hash, so the file is written when a password is set
 * and never again: an account whose password was set or changed since is left alone. serve() calls
 * this; the test harness, which signs in its own users, does not (hashing costs time).
 */
export async function setConsolePasswords(store: Store, credentials: readonly BootstrapCredentials[], dataDir: string): Promise<string | undefined> {
  const set: string[] = []
  for (const { user_id } of credentials) {
    const user = await findUser(store.db, user_id)
    if (user?.password_hash !== '') continue
    const password = randomBytes(12).toString('base64url')
    await setPasswordHash(store.db, user_id, await hashPassword(password))
    set.push(`${user.email}  ${password}`)
  }
  const path = join(dataDir, CONSOLE_PASSWORD_FILE)
  if (set.length > 0) writeFileSync(path, `# QingLocal console sign-in (set at the first start; change it in the console's settings)\n${set.join('\n')}\n`, { mode: 0o600 })
  if (!existsSync(path)) return undefined
  // an older copy, or one a person loosened, is private again
  restrictFiles([path])
  return path
}
