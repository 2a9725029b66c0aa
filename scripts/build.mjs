#!/usr/bin/env node
// `npm run build`, and `prepare` (so `npm ci` builds): bundles src/cli/main.ts, with everything it
// imports, into dist/cli/main.js as plain ESM for node 20, so `npm start` and `qinglocal` run
// without transpiling TypeScript. Pure-JavaScript packages (fastify, Kysely, pg, typebox, yaml, …)
// are bundled in: resolving and reading their hundreds of files cost the server about half its cold
// start (0.9 s → 0.45 s on 2 cores). Native modules (better-sqlite3, @node-rs/argon2), pino (its
// transports and thread-stream workers are files it resolves at run time) and optional drivers
// stay external and load from node_modules as they do from the sources. So do @peculiar/x509 and its
// reflect-metadata polyfill (src/tls.ts, self-signed certificates): bundled, its tsyringe registry
// initialised out of order and `cryptoProvider` came out undefined; it loads only with TLS on anyway.
// dist/cli/ keeps the sources' depth (src/cli/), so `new URL('../../package.json', import.meta.url)`
// finds the same file from both. `ensureBuilt()` rebuilds only when a bundled input is newer than
// the bundle (the e2e test of the built command and the bench use it).
// The web console (console/, React + Vite) builds into dist/console/ after the CLI: `buildConsole()`,
// also `npm run build:console`. Vite is a dev dependency: an install without them keeps the CLI and
// skips the console with a warning.
// The TypeScript SDK (src/client/, `qinglocal/client` in package.json's exports) builds into
// dist/client/: index.js bundled by esbuild (node builtins only, no packages), and declarations from
// `tsc --emitDeclarationOnly` over the client's sources (dist/client/types/, the sources' layout
// under src/, their `.ts` import specifiers rewritten to `.js` so the .d.ts files resolve each other).
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const root = new URL('..', import.meta.url).pathname
export const entry = join(root, 'dist', 'cli', 'main.js')
const metaFile = join(root, 'dist', 'meta.json')

/** Packages loaded from node_modules at run time rather than bundled (see the header). */
export const EXTERNAL = ['better-sqlite3', '@node-rs/argon2', 'pino', 'pg-native', '@peculiar/x509', 'reflect-metadata']

/** How our code is bundled for node 20, here and for the tests (scripts/test-bundle.mjs). */
export const NODE_BUNDLE = {
  splitting: true,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // bundled CommonJS packages call require() (node builtins, the externals): give the ESM output one
  banner: { js: "import { createRequire as __qinglocalCreateRequire } from 'node:module'; const require = __qinglocalCreateRequire(import.meta.url);" },
}

/** Bundles the CLI into dist/. Resolves once the files are written; rejects on any build error. */
export async function buildDist() {
  // chunk names carry content hashes: old ones would pile up (dist/console is Vite's, emptied by it)
  rmSync(join(root, 'dist', 'cli'), { recursive: true, force: true })
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts'],
    outdir: 'dist/cli',
    // the server, imported lazily by the CLI, becomes its own chunk with its own imports, so `call`
    // and `--version` load neither it nor fastify, Kysely or the database drivers (NODE_BUNDLE splits)
    ...NODE_BUNDLE,
    external: EXTERNAL,
    // no comments or indentation: the server chunk's source stays in memory for as long as the process
    // runs (V8 compiles functions lazily from it), and a comment's one non-Latin-1 character made all
    // of it a two-byte string: 6.8 MB of heap → 2.3 MB. Names are kept; the source map has the lines.
    minifyWhitespace: true,
    legalComments: 'linked',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    write: true,
  })
  // the list of inputs isStale() compares with
  writeFileSync(metaFile, JSON.stringify(result.metafile))
}

/** Bundles the SDK into `outdir` (default dist/client/) with its declarations; the declarations are skipped, with a warning, without TypeScript. */
export async function buildClient(outdir = join(root, 'dist', 'client')) {
  rmSync(outdir, { recursive: true, force: true })
  await build({
    absWorkingDir: root,
    entryPoints: ['src/client/index.ts'],
    outfile: join(outdir, 'index.js'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  })
  let tsc
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  } catch {
    console.warn('typescript is not installed (dev dependencies omitted): the SDK is built without declarations')
    return
  }
  const types = join(outdir, 'types')
  // the compiler options of tsconfig.json that matter for declarations, for these files only
  const flags = ['--declaration', '--emitDeclarationOnly', '--allowImportingTsExtensions', '--strict', '--skipLibCheck', '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--types', 'node']
  execFileSync(process.execPath, [tsc, ...flags, '--rootDir', join(root, 'src'), '--outDir', types, join(root, 'src', 'client', 'index.ts')], { cwd: root, stdio: 'inherit' })
  const rewrite = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) rewrite(path)
      else if (entry.name.endsWith('.d.ts')) writeFileSync(path, readFileSync(path, 'utf8').replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]*)\.ts\2/g, '$1$2$3.js$2'))
    }
  }
  rewrite(types)
}

/** Builds the console into dist/console/ with Vite's JS API and console/vite.config.ts. */
export async function buildConsole() {
  let vite
  try {
    vite = await import('vite')
  } catch {
    console.warn('vite is not installed (dev dependencies omitted): the console is not built')
    return
  }
  await vite.build({ configFile: join(root, 'console', 'vite.config.ts'), logLevel: 'warn' })
}

/** True when dist/ is missing or any file the last build read is newer than the bundle. */
export function isStale() {
  if (!existsSync(entry) || !existsSync(metaFile)) return true
  const built = statSync(entry).mtimeMs
  const inputs = Object.keys(JSON.parse(readFileSync(metaFile, 'utf8')).inputs)
  return [...inputs, 'package.json', 'scripts/build.mjs'].some((file) => {
    const path = join(root, file)
    return !existsSync(path) || statSync(path).mtimeMs > built
  })
}

/** Builds when stale; resolves to whether it built. */
export async function ensureBuilt() {
  if (!isStale()) return false
  await buildDist()
  return true
}

// `node scripts/build.mjs` always builds; `--if-stale` only when isStale() (the e2e test's way in);
// `--client` only the SDK
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--if-stale')) await ensureBuilt()
  else if (process.argv.includes('--client')) await buildClient()
  else {
    await buildDist()
    await buildClient()
    await buildConsole()
  }
}
