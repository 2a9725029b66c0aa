// Password hashing (argon2id at OWASP's recommended cost: 19 MiB, 2 passes) and the password
// policy every way of setting a password applies.
import { hash, verify, Algorithm } from '@node-rs/argon2'

const COST = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export const hashPassword = (password: string): Promise<string> => hash(password, COST)

/** False for a wrong password and for an empty or malformed hash (an account without a password). */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  if (!stored) return false
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128

/** Why `password` is not acceptable, or undefined when it is. */
export function passwordProblem(password: string, email: string): string | undefined {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) return `the password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long`
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'the password must contain both letters and digits'
  if (password.toLowerCase() === email.toLowerCase()) return 'the password must not be the email address'
  return undefined
}
