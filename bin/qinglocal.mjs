#!/usr/bin/env node
// Runs the compiled command in dist/ (built by `npm ci` through `prepare`, or `npm run build`).
// Plain JavaScript: nothing is transpiled at start. Without dist/ it says how to build it and stops
// rather than falling back to the TypeScript sources.
import { existsSync } from 'node:fs'

const entry = new URL('../dist/cli/main.js', import.meta.url)
if (!existsSync(entry)) {
  process.stderr.write(`qinglocal: ${entry.pathname} is missing; run \`npm ci\` (or \`npm run build\`) in ${new URL('..', import.meta.url).pathname} first\n`)
  process.exit(1)
}
await import(entry.href)
