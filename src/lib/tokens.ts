// Bearer secrets (session tokens, mailed verification and reset tokens, invites): 256 random bits,
// handed out once, stored only as a SHA-256 hash. Looking a token up by its hash reveals nothing
// about other tokens, and the final comparison is constant-time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** 43 URL-safe characters. */
export const newToken = (): string => randomBytes(32).toString('base64url')

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex')

export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token), 'hex')
  const b = Buffer.from(storedHash, 'hex')
  return a.length === b.length && timingSafeEqual(a, b)
}
