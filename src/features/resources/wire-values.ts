// Checks of wire values that several features' rules share (security group rules, router statics and
// attributes, load-balancer attributes, listeners and policies): IPv4 addresses and networks in their
// plain dotted form, bounded integers with the 1100 message that names the parameter as the client
// wrote it, and blank values.
import { ApiError } from '../../errors.ts'

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** `a.b.c.d`, each part 0–255 written without leading zeros (`010` is refused: it reads as octal elsewhere). */
export function isIpv4(text: string): boolean {
  const m = DOTTED.exec(text)
  return m?.slice(1, 5).every((o) => Number(o) <= 255 && String(Number(o)) === o) ?? false
}

/** `a.b.c.d/n`: an IPv4 address as isIpv4 takes it and a prefix length 0–32. */
export function isIpv4Cidr(text: string): boolean {
  const at = text.indexOf('/')
  if (at < 0) return false
  const prefix = text.slice(at + 1)
  return isIpv4(text.slice(0, at)) && /^\d{1,2}$/.test(prefix) && Number(prefix) <= 32
}

/** `value` as an integer from `min` to `max`; 1100 naming `name` and saying what it is otherwise. */
export function integerIn(value: string, name: string, min: number, max: number, what: string): number {
  if (!/^\d{1,6}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ApiError('InvalidRequestFormat', `parameter ${name} value ${value} is not a valid ${what}, it should be an integer from ${min} to ${max}`)
  }
  return Number(value)
}

/** A value of spaces only, or none, is empty: terraform clears a field by sending a single space. */
export const blank = (value: string | undefined): string => (value === undefined || value.trim() === '' ? '' : value)
