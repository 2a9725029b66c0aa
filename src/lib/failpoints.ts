// Named places where a test can make the process die on the spot (SIGKILL, no clean-up), to prove
// that what a transaction does is all-or-nothing across a crash. Off unless QINGLOCAL_FAILPOINTS
// names the point; reading a Set costs nothing on the normal path.
//
// `name@ms` in the same list arms a pause instead: `pauseMs(name)` answers that many milliseconds,
// so a test can make a request slow on purpose (`request:DescribeKeyPairs@4000`, the overload tests).
const entries = (process.env.QINGLOCAL_FAILPOINTS ?? '').split(',').filter(Boolean)
const armed = new Set(entries.filter((entry) => !entry.includes('@')))
const pauses = new Map(
  entries
    .map((entry) => /^(.+)@(\d+)$/.exec(entry))
    .filter((match) => match !== null)
    .map((match) => [match[1]!, Number(match[2])] as const),
)

export function failpoint(name: string): void {
  if (armed.has(name)) process.kill(process.pid, 'SIGKILL')
}

/** How long a test asked the point `name` to pause, in milliseconds; 0 unless armed. */
export function pauseMs(name: string): number {
  return pauses.get(name) ?? 0
}
