// The real server in this process on a free port, its start-up banner kept out of the test report.
import type { ConfigInput } from '../../src/config.ts'
import { serve, type Server } from '../../src/main.ts'

export async function serveQuietly(overrides: ConfigInput): Promise<Server> {
  const write = process.stdout.write
  process.stdout.write = (() => true) as typeof process.stdout.write
  try {
    return await serve({ env: {}, overrides: { port: 0, logLevel: 'silent', ...overrides } })
  } finally {
    process.stdout.write = write
  }
}
