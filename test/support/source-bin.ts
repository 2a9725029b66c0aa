// The commands tests spawn "from the sources": the working tree's code, never a stale dist/. Under
// scripts/test.mjs that is its fresh bundle of the sources (QINGLOCAL_TEST_BUNDLE, built at the
// start of the run: a child starts in ~0.3 s instead of ~2 s through tsx); a test file run on its
// own (`node --import tsx --test file`) runs them through tsx.
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('../../', import.meta.url).pathname
const bundle = process.env.QINGLOCAL_TEST_BUNDLE

/** node's arguments that run the repository file `source` (a .ts path relative to the root). */
function sourceArgs(source: string): string[] {
  const bundled = bundle && join(bundle, source.replace(/\.ts$/, '.mjs'))
  return bundled && existsSync(bundled) ? [bundled] : ['--import', 'tsx', join(root, source)]
}

/** `qinglocal` from the sources: node's arguments before the command's own. */
export const qinglocalSource: string[] = (() => {
  const args = sourceArgs('src/cli/main.ts')
  return args.length === 1 ? args : [join(root, 'test', 'support', 'qinglocal-source.mjs')]
})()

/** scripts/fuzz.ts: node's arguments before the script's own. */
export const fuzzSource: string[] = sourceArgs('scripts/fuzz.ts')
