// The one global lock order, and the lock-set every transaction takes its locks through.
//
// A transaction that needs several of these locks takes them in LOCK_ORDER, and several keys of one
// kind in ascending key order; resource rows (instances, volumes, networks, clusters, users, …)
// locked FOR UPDATE by the features' repo functions come after all of them (among those, a router's
// row before its vxnets' rows: JoinRouter, LeaveRouter). Two transactions that
// keep this order cannot wait for each other in a cycle, so PostgreSQL never deadlocks over them.
//
// The owning features provide the lockers (billing: the wallet row, quotas: the (user, zone) quota
// row, hosts: the zone's host rows); the composition root (src/lockers.ts) registers them, so this
// file knows no feature. An action declares what it locks (ActionDefinition.locks, .lockAtRunTime,
// .jobLocks); anything else, or anything out of order, is a programming error and throws.
import type { Clock } from '../lib/clock.ts'
import type { IdGenerator } from '../lib/ids.ts'
import type { Tx } from '../store/database.ts'
import type { Capabilities } from '../store/dialects.ts'

/** The global lock order: earlier kinds first. */
export const LOCK_ORDER = ['wallet', 'quota', 'hosts'] as const
export type LockKind = (typeof LOCK_ORDER)[number]

/** What names one lock of each kind. */
export interface LockKeys {
  /** A user's wallet row: the user id. */
  wallet: string
  /** A user's quota lock in a zone ('' for the user-wide types). */
  quota: { user: string; zone: string }
  /** Every host row of a zone (placement reads and writes them all): the zone id. */
  hosts: string
}

/** What a locker may use: the transaction the lock is held for. */
export interface LockTx {
  db: Tx
  caps: Capabilities
  clock: Clock
  ids: IdGenerator
}

/** Takes one lock for the rest of the transaction; what it returns is handed to whoever asks for the lock (the locked Wallet). */
export type Lockers = { [K in LockKind]: (tx: LockTx, key: LockKeys[K]) => Promise<unknown> }

/** Which locks a lock-set lets its transaction take. */
export interface LockPolicy {
  /** Who holds the locks, for the error: `action RunInstances`, `job of TerminateInstances`, `the billing ticker`. */
  holder: string
  /** Kinds that may be taken with any key (keys known at run time: the owners' wallets). */
  anyKey: readonly LockKind[]
  /** Kinds that may be taken with one key only (the caller's, taken by the endpoint before the handler): the key, as lockName writes it. */
  fixed?: Partial<Record<LockKind, string>>
}

/** Asked for a lock out of the global order, or one the action did not declare: a bug, caught by tests. */
export class LockOrderError extends Error {
  override name = 'LockOrderError'
}

const rankOf = (kind: LockKind): number => LOCK_ORDER.indexOf(kind)

function keyText(key: LockKeys[LockKind]): string {
  return typeof key === 'string' ? key : `${key.user} ${key.zone}`
}

/** A lock's name: `wallet[usr-1]`, `quota[usr-1 pek3a]`, `hosts[pek3a]`. */
export const lockName = <K extends LockKind>(kind: K, key: LockKeys[K]): string => `${kind}[${keyText(key)}]`

/** The locks one transaction holds, in the order it took them. */
export class LockSet {
  private readonly held = new Map<string, unknown>()
  private last: { rank: number; key: string; name: string } | undefined

  constructor(
    private readonly tx: LockTx,
    private readonly lockers: Lockers,
    private readonly policy: LockPolicy,
  ) {}

  /**
   * Takes the lock (or returns the one already held: asking again is a no-op) and returns what its
   * locker handed back. Throws LockOrderError for a lock the policy does not allow, or one that
   * ranks before a lock already held: a kind earlier in LOCK_ORDER, or a smaller key of the same kind.
   */
  async take<K extends LockKind>(kind: K, key: LockKeys[K]): Promise<unknown> {
    const text = keyText(key)
    const name = lockName(kind, key)
    if (this.held.has(name)) return this.held.get(name)
    const allowed = this.policy.anyKey.includes(kind) || this.policy.fixed?.[kind] === text
    if (!allowed) throw new LockOrderError(`${this.policy.holder} locks ${name} but does not declare it`)
    const rank = rankOf(kind)
    if (this.last && (rank < this.last.rank || (rank === this.last.rank && text < this.last.key))) {
      throw new LockOrderError(`${this.policy.holder} locks ${name} after ${this.last.name}: the lock order is ${LOCK_ORDER.join(' → ')} → resource rows, keys ascending`)
    }
    const locker: Lockers[K] = this.lockers[kind]
    const value = await locker(this.tx, key)
    this.held.set(name, value)
    this.last = { rank, key: text, name }
    return value
  }

  /** The locks taken so far, in order (`wallet[usr-1]`, `quota[usr-1 pek3a]`, …): for tests. */
  taken(): string[] {
    return [...this.held.keys()]
  }
}

/** What an action declares about its locks (ActionDefinition). */
export interface LockDeclaration {
  name: string
  locks?: readonly LockKind[]
  lockAtRunTime?: readonly LockKind[]
  jobLocks?: readonly LockKind[]
}

/** The caller's key of each kind: wallet → the caller, quota → caller and request zone, hosts → the zone. */
function callerKeys(user: string, zone: string): { [K in LockKind]: LockKeys[K] } {
  return { wallet: user, quota: { user, zone }, hosts: zone }
}

/**
 * The lock-set of an action's transaction, with the declared locks already taken for the caller,
 * in the global order: the endpoint calls this right after the transaction opens.
 */
export async function lockForAction(tx: LockTx, lockers: Lockers, action: LockDeclaration, user: string, zone: string): Promise<LockSet> {
  const declared = action.locks ?? []
  if (declared.length > 0 && user === '') throw new LockOrderError(`action ${action.name} declares locks but has no caller to take them for`)
  const mine = callerKeys(user, zone)
  const fixed: Partial<Record<LockKind, string>> = {}
  for (const kind of declared) fixed[kind] = keyText(mine[kind])
  const locks = new LockSet(tx, lockers, { holder: `action ${action.name}`, anyKey: action.lockAtRunTime ?? [], fixed })
  for (const kind of LOCK_ORDER) if (declared.includes(kind)) await locks.take(kind, mine[kind])
  return locks
}

/**
 * The lock-set of a job's settle or onFailure transaction, with the action's jobLocks already taken
 * for the job's owner and zone, in the global order (the job runner calls this). More keys of a
 * declared kind may be taken in order (the wallets of the resources' owners).
 */
export async function lockForJob(tx: LockTx, lockers: Lockers, action: LockDeclaration | undefined, owner: string, zone: string): Promise<LockSet> {
  const declared = action?.jobLocks ?? []
  const locks = new LockSet(tx, lockers, { holder: `job of ${action?.name ?? 'an unknown action'}`, anyKey: declared })
  const mine = callerKeys(owner, zone)
  for (const kind of LOCK_ORDER) if (declared.includes(kind)) await locks.take(kind, mine[kind])
  return locks
}
