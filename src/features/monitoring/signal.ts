// The seeded signal behind every monitoring value: integer hashing only (no Math.random, no clock),
// so a value is a pure function of (resource, meter, slot time) and every process computes the same
// one. Features shape it with what their resource really has (listeners, backends, bandwidth, …).

/** FNV-1a of a text: the seed of one series (resource id and meter, e.g. `lb-x/traffic/eip-y`). */
export function seedOf(...parts: readonly string[]): number {
  let h = 0x811c9dc5
  const text = parts.join('/')
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** murmur3's finaliser over two words. */
function mix(a: number, b: number): number {
  let h = (a ^ Math.imul(b | 0, 0x9e3779b1)) >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** A number in [0, 1) for this series, slot time and draw (`salt`: several numbers per slot). */
export function noise(seed: number, t: number, salt = 0): number {
  return mix(mix(seed, salt), t) / 2 ** 32
}

/** `lo` to `hi`, drawn by noise(). */
export const between = (seed: number, t: number, salt: number, lo: number, hi: number): number => lo + (hi - lo) * noise(seed, t, salt)

/**
 * A daily cycle between 0.35 (night) and 1 (the busy hour), the busy hour (UTC) chosen by the
 * seed, so different resources peak at different times of day.
 */
export function daily(seed: number, t: number): number {
  const peak = (seed % 24) * 3600
  const phase = (((t - peak) % 86400) + 86400) % 86400
  return 0.35 + 0.65 * (0.5 + 0.5 * Math.cos((2 * Math.PI * phase) / 86400))
}
