// Named places where a test can make the process die on the spot (SIGKILL, no clean-up), to prove
// that what a transaction does is all-or-nothing across a crash. Off unless QINGLOCAL_FAILPOINTS
// names the point; reading a Set costs nothing on the normal path.
const armed = new Set((process.env.QINGLOCAL_FAILPOINTS ?? '').split(',').filter(Boolean))

export function failpoint(name: string): void {
  if (armed.has(name)) process.kill(process.pid, 'SIGKILL')
}
