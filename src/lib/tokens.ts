// Bearer secrets (session tokens, mailed verification and reset tokens, invites): 256 random bits,
// handed out once, stored only as a SHA-256 hash. A token is found by its hash (an index lookup,
// whose timing can only tell an attacker about hashes they cannot steer), then confirmed with a
// constant-time comparison.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** 43 URL-safe characters. */
export const newToken = (): string => randomBytes(32).toString('base64url')

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')

export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token), 'hex')
  const b = Buffer.from(storedHash, 'hex')
  return a.length === b.length && timingSafeEqual(a, b)
}
