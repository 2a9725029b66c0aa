// Resource identifiers in QingCloud's shapes: `<prefix>-<8 of [0-9a-z]>` for resources,
// `usr-<8 mixed-case>` for users, 20 upper-case letters for access key ids.
import { randomInt } from 'node:crypto'

const LOWER = '0123456789abcdefghijklmnopqrstuvwxyz'
const MIXED = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'

export type RandomInt = (maxExclusive: number) => number

export interface IdGenerator {
  /** `i-k3x9q0ab` style: lower-case alphanumerics. */
  resource(prefix: string, length?: number): string
  user(): string
  accessKeyId(): string
  secretAccessKey(): string
}

export function idGenerator(random: RandomInt = (n) => randomInt(n)): IdGenerator {
  const pick = (alphabet: string, n: number) => {
    let s = ''
    for (let i = 0; i < n; i++) s += alphabet[random(alphabet.length)]
    return s
  }
  return {
    resource: (prefix, length = 8) => `${prefix}-${pick(LOWER, length)}`,
    user: () => `usr-${pick(MIXED, 8)}`,
    accessKeyId: () => pick(UPPER, 20),
    secretAccessKey: () => pick(MIXED, 40),
  }
}

/** A repeatable generator (mulberry32) for tests and for QINGLOCAL_SEED deterministic runs. */
export function seededIdGenerator(seed: number): IdGenerator {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return idGenerator((n) => Math.floor(next() * n))
}
