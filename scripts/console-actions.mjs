#!/usr/bin/env node
// Which API actions the console calls: every `call('module', 'Action'` (or `call<Reply>(…)`, either
// quote) under console/src, found by text — so call sites must keep module and action literal.
// `node scripts/console-actions.mjs` prints `module Action` lines, sorted; `--json` prints
// { iaas: [...], admin: [...], account: [...] }. `consoleActions()` is the same for a test.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = new URL('../console/src', import.meta.url).pathname
// call, optional type arguments (one level of nesting is enough for DescribeReply<'x', T>), module, action
const CALL = /\bcall\s*(?:<(?:[^<>]|<[^<>]*>)*>)?\s*\(\s*(['"])(iaas|admin|account)\1\s*,\s*(['"])([A-Za-z]+)\3/g

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* sources(path)
    else if (/\.tsx?$/.test(entry.name)) yield path
  }
}

/** Map of module → sorted action names the console sends. */
export function consoleActions(dir = root) {
  const found = { iaas: new Set(), admin: new Set(), account: new Set() }
  for (const file of sources(dir)) {
    // comments may show a call as an example: only code counts
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
    for (const match of code.matchAll(CALL)) found[match[2]].add(match[4])
  }
  return Object.fromEntries(Object.entries(found).map(([module, actions]) => [module, [...actions].sort()]))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const actions = consoleActions()
  if (process.argv.includes('--json')) console.log(JSON.stringify(actions, null, 2))
  else for (const [module, names] of Object.entries(actions)) for (const name of names) console.log(`${module} ${name}`)
}
