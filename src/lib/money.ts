// Money is an integer count of minor units everywhere inside QingLocal, never a float. A minor
// unit is 1/10000 of a yuan, the precision QingCloud's own replies carry ("fee": "0.1117"). Only
// replies and request parameters see decimal strings.

export const MINOR_PER_YUAN = 10_000
const DECIMALS = 4

/** The largest amount a request may name: keeps every sum far inside Number's exact integers. */
export const MAX_AMOUNT = 1_000_000_000 * MINOR_PER_YUAN

/**
 * `"12.5"` → 125000. Up to four decimals, an optional leading minus, no exponent, no spaces.
 * Returns undefined for anything else (the caller names the parameter in its error).
 */
export function parseYuan(text: string): number | undefined {
  const m = /^(-?)(\d{1,12})(?:\.(\d{1,4}))?$/.exec(text)
  if (!m) return undefined
  const [, sign, whole, fraction = ''] = m
  const minor = Number(whole) * MINOR_PER_YUAN + Number(fraction.padEnd(DECIMALS, '0'))
  if (minor > MAX_AMOUNT) return undefined
  return sign === '-' ? -minor : minor
}

/** 125000 → `"12.50"`, 1117 → `"0.1117"`: at least two decimals, trailing zeros beyond them dropped. */
export function formatYuan(minor: number): string {
  if (!Number.isSafeInteger(minor)) throw new Error(`not an amount of minor units: ${minor}`)
  const sign = minor < 0 ? '-' : ''
  const abs = Math.abs(minor)
  const whole = Math.floor(abs / MINOR_PER_YUAN)
  const fraction = String(abs % MINOR_PER_YUAN)
    .padStart(DECIMALS, '0')
    .replace(/0+$/, '')
    .padEnd(2, '0')
  return `${sign}${whole}.${fraction}`
}

/**
 * `amount × part / whole`, rounded to a minor unit in the direction given: `up` for what a user
 * owes, `down` for what a user gets back, so rounding never works against the user twice.
 */
export function prorate(amount: number, part: number, whole: number, direction: 'up' | 'down'): number {
  if (whole <= 0) throw new Error('prorate over an empty whole')
  // BigInt: amount × part can pass 2^53 (a month's price × a month of milliseconds)
  const numerator = BigInt(amount) * BigInt(Math.round(part))
  const denominator = BigInt(Math.round(whole))
  const quotient = numerator / denominator
  const exact = quotient * denominator === numerator
  return Number(direction === 'up' && !exact && numerator > 0n ? quotient + 1n : quotient)
}
