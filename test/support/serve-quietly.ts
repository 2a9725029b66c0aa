// The real server in this process on a free port, its start-up banner kept out of the test report
// (or captured). Only the banner: the test runner reports through the same stream meanwhile, and a
// stdout swallowed whole would swallow its lines for tests that ended just before.
import type { ConfigInput } from '../../src/config.ts'
import { serve, type Server } from '../../src/main.ts'

/** serve() with `overrides` (port 0, silent logs unless they say otherwise) and `env`; the banner it printed. */
export async function serveCapturingBanner(overrides: ConfigInput, env: Record<string, string> = {}): Promise<{ server: Server; banner: string }> {
  const write = process.stdout.write
  let banner = ''
  process.stdout.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    if (typeof chunk === 'string' && chunk.includes('QingLocal API')) {
      banner += chunk
      return true
    }
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest)
  } as typeof process.stdout.write
  try {
    return { server: await serve({ env, overrides: { port: 0, logLevel: 'silent', ...overrides } }), banner }
  } finally {
    process.stdout.write = write
  }
}

export async function serveQuietly(overrides: ConfigInput, env: Record<string, string> = {}): Promise<Server> {
  return (await serveCapturingBanner(overrides, env)).server
}
