// Which database a URL names. A leaf module: config.ts validates URLs with it, and the CLI loads
// config.ts without the store (Kysely and the drivers load only for commands that open it).

export type ParsedUrl = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string }

/** `sqlite::memory:`, `sqlite:<path>`, `sqlite://<path>`, `postgres://…` or `postgresql://…`. */
export function parseDatabaseUrl(url: string): ParsedUrl | undefined {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url }
  if (url === 'sqlite::memory:') return { kind: 'sqlite', file: ':memory:' }
  const m = /^sqlite:(?:\/\/)?(.+)$/.exec(url)
  return m?.[1] ? { kind: 'sqlite', file: m[1] } : undefined
}
