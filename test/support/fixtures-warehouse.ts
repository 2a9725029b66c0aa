// The image warehouse in tests: a temporary directory of the test's own (passed to startTestApp as
// `warehouseDir`), helpers to look at its files, and an app with the warehouse already on.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { ok, startTestApp, type TestApp, type TestAppOptions } from './harness.ts'

export interface TempWarehouse {
  dir: string
  /** The absolute path of a file given relative to the warehouse directory. */
  path(file: string): string
  exists(file: string): boolean
  read(file: string): Buffer
  /** Writes a file (creating its directories), relative to the warehouse directory. */
  put(file: string, content: string | Buffer): string
  remove(): void
}

export function tempWarehouse(): TempWarehouse {
  const dir = mkdtempSync(join(tmpdir(), 'qinglocal-warehouse-test-'))
  const path = (file: string) => join(dir, file)
  return {
    dir,
    path,
    exists: (file) => existsSync(path(file)),
    read: (file) => readFileSync(path(file)),
    put: (file, content) => {
      mkdirSync(dirname(path(file)), { recursive: true })
      writeFileSync(path(file), content)
      return path(file)
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** A test app whose warehouse is a fresh temporary directory, turned on (unless `enabled: false`). */
export async function startWithWarehouse(options: TestAppOptions & { enabled?: boolean } = {}): Promise<{ t: TestApp; w: TempWarehouse; close: () => Promise<void> }> {
  const w = tempWarehouse()
  const t = await startTestApp({ ...options, config: { ...options.config, warehouseDir: w.dir } })
  if (options.enabled !== false) ok(await t.admin_call('EnableWarehouse'))
  return {
    t,
    w,
    close: async () => {
      await t.close()
      w.remove()
    },
  }
}
