// What went wrong underneath a wrapper error: `fetch failed` and `migration failed` say little, the
// system error in their cause chain (connect ECONNREFUSED 127.0.0.1:7777) says what to fix.

/** The innermost error's message; for an AggregateError (one try per address), each distinct one. */
export function rootCause(error: unknown): string {
  let e = error
  for (let depth = 0; depth < 10 && e instanceof Error && e.cause !== undefined; depth++) e = e.cause
  if (e instanceof AggregateError && e.errors.length > 0) return [...new Set(e.errors.map((x) => rootCause(x)))].join('; ')
  if (e instanceof Error) return e.message || String((e as { code?: unknown }).code ?? e.name)
  return String(e)
}

/** A URL fit for a message or a log: any password (userinfo or `password=` parameter) is `***`. */
export function redactUrl(text: string): string {
  try {
    const url = new URL(text)
    if (url.password) url.password = '***'
    if (url.searchParams.has('password')) url.searchParams.set('password', '***')
    return url.href.replace(/password=%2A%2A%2A/, 'password=***')
  } catch {
    return text.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@')
  }
}
