// The test files as plain JavaScript, for scripts/test.mjs. Loading a test through tsx cost each
// test process ~1.9 s of CPU (its loader hooks resolve and transpile ~400 source and package files
// one by one, on a hooks thread), more than most files' tests take; 177 files paid it once each.
// esbuild bundles every test file, in one build of ~3 s, into .test-build/<run>/ (the same tree,
// .ts → .mjs), with the shared code in common chunks and the pure-JavaScript packages bundled in as
// scripts/build.mjs does for dist/: a test process then loads in ~0.45 s.
// What the bundle changes, and how it is kept the same as the sources:
// - `import.meta.url`, `.dirname`, `.filename` in our sources are replaced by the source file's own,
//   so files found relative to a test or module are the same files;
// - the output lives inside the repository, so the external packages resolve from node_modules;
// - the commands tests spawn "from the sources" (src/cli/main.ts, scripts/fuzz.ts) are bundled in
//   the same build, and test/support/source-bin.ts hands their paths to the tests
//   (QINGLOCAL_TEST_BUNDLE names the directory); a test file run on its own uses tsx as before.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { NODE_BUNDLE, EXTERNAL as SERVER_EXTERNAL } from './build.mjs'

const root = new URL('..', import.meta.url).pathname

/** Loaded from node_modules at run time: native modules, pino (it resolves its worker files), big or dev-only tools. */
const EXTERNAL = [...SERVER_EXTERNAL, 'esbuild', 'tsx', 'typescript', 'smtp-server', 'autocannon', 'playwright-core']

/** The launchers tests spawn as child processes, bundled beside the tests. */
export const LAUNCHERS = ['src/cli/main.ts', 'scripts/fuzz.ts']

/** Our TypeScript, with import.meta's location fields pointing at the source file. */
const sourceLocation = {
  name: 'source-location',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined
      const text = await readFile(args.path, 'utf8')
      const contents = text
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path))
      return { contents, loader: 'ts' }
    })
  },
}

/** Where a bundled source lands under `outdir`. */
export function bundledPath(outdir, source) {
  return join(outdir, relative(root, source).replace(/\.ts$/, '.mjs'))
}

/** Bundles `files` (absolute paths of *.test.ts) and the launchers into `outdir`; resolves to the bundled test paths, in order. */
export async function bundleTests(files, outdir) {
  await build({
    absWorkingDir: root,
    // (a partial copy of the repository, as test/e2e/new-action.test.ts makes, may lack one)
    entryPoints: [...files, ...LAUNCHERS.map((file) => join(root, file)).filter((file) => existsSync(file))],
    outdir,
    outbase: root,
    outExtension: { '.js': '.mjs' },
    ...NODE_BUNDLE,
    external: EXTERNAL,
    // failures point at the .ts lines (node --enable-source-maps); the sources themselves are on disk
    sourcemap: 'linked',
    sourcesContent: false,
    plugins: [sourceLocation],
    logLevel: 'warning',
    write: true,
  })
  return files.map((file) => bundledPath(outdir, file))
}
