// "Did you mean …?" for an action name the server does not know: the registered names nearest to
// it by edit distance (case-insensitive, a swap of two neighbouring letters counts one edit).

/** Optimal-string-alignment distance between `a` and `b`, ignoring case. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase()
  const t = b.toLowerCase()
  // three rows: the one before the previous is needed for transpositions
  let before: number[] = []
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j)
  for (let i = 1; i <= s.length; i++) {
    const row = [i]
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1
      let best = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, before[j - 2]! + 1)
      row.push(best)
    }
    before = previous
    previous = row
  }
  return previous[t.length]!
}

/**
 * Up to `max` of `names` near `wanted`: within a quarter of its length (at least 2 edits), nearest
 * first, then by name. A typo of one or two letters is found; an unrelated name suggests nothing.
 */
export function nearestNames(wanted: string, names: Iterable<string>, max = 3): string[] {
  const limit = Math.max(2, Math.floor(wanted.length / 4))
  const near: Array<{ name: string; distance: number }> = []
  for (const name of names) {
    const distance = editDistance(wanted, name)
    if (distance <= limit) near.push({ name, distance })
  }
  near.sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name))
  return near.slice(0, max).map((n) => n.name)
}

/** `did you mean A?`, `did you mean A or B?`, `did you mean A, B or C?` */
export function didYouMean(names: readonly string[]): string {
  const last = names.at(-1)
  return `did you mean ${names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${last}` : last}?`
}
