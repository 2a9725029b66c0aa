// npm run new-action -- <feature> <ActionName> [--new-feature] [--list <name>] [--root <dir>]
// Writes src/features/<feature>/actions/<action-name>.ts (an action that answers an empty success),
// its wire test, and the registration in the feature's index.ts (and, for a new feature, in
// src/modules.ts). Refuses an unknown feature, a name that is not PascalCase and an action that
// exists, changing nothing. --root names another checkout (the scaffold's own test uses a copy).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

export class ScaffoldError extends Error {}

export interface NewActionOptions {
  /** The checkout to write into. */
  root: string
  /** A folder under src/features, e.g. security-groups. */
  feature: string
  action: string
  /** Create the feature folder, its index.ts and its registration in the /iaas/ module. */
  newFeature?: boolean
  /** Which `…Actions` array of the feature's index.ts, when it exports several. */
  list?: string
}

/** The words of a PascalCase name; acronyms stay whole (RDBs, IPSet → IP Set, S2Servers → S2 Servers). */
const words = (name: string) => name.match(/[A-Z]{2,}s(?![a-z])|[A-Z]+[0-9]*(?![a-z])|[A-Z][a-z0-9]+/g) ?? []

export const kebabName = (name: string) =>
  words(name)
    .map((w) => w.toLowerCase())
    .join('-')
export const camelName = (name: string) =>
  words(name)
    .map((w, i) => (i === 0 ? w.toLowerCase() : w))
    .join('')
const isPascalCase = (name: string) => /^[A-Z][A-Za-z0-9]*$/.test(name) && /[a-z]/.test(name) && words(name).join('') === name
const FEATURE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/

/** `keypairs` → keypairActions, `load-balancers` → loadBalancerActions. */
const arrayNameOf = (feature: string) => {
  const camel = feature.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())
  return `${camel.endsWith('s') && !camel.endsWith('ss') ? camel.slice(0, -1) : camel}Actions`
}

/** Which module each `...xActions` spread of src/modules.ts lands in. */
function modulesOfArrays(modulesText: string): Map<string, string> {
  const found = new Map<string, string>()
  for (const m of modulesText.matchAll(/moduleOf\('(\w+)',\s*\[([^\]]*)\]/g)) {
    for (const spread of m[2]!.matchAll(/\.\.\.(\w+)/g)) found.set(spread[1]!, m[1]!)
  }
  return found
}

/** Adds `item` at the end of the array literal that starts at `open` (the `[`). */
function appendToArray(text: string, open: number, item: string): string {
  const close = text.indexOf(']', open)
  const body = text.slice(open + 1, close)
  let next: string
  if (body.includes('\n')) {
    const kept = body.replace(/\s*$/, '')
    const indent = /\n([ \t]*)\S/.exec(body)?.[1] ?? '  '
    next = `${kept}${kept.trim() === '' || kept.endsWith(',') ? '' : ','}\n${indent}${item},${body.slice(kept.length)}`
  } else next = body.trim() === '' ? item : `${body}, ${item}`
  return text.slice(0, open + 1) + next + text.slice(close)
}

/** Inserts an import line among the lines importing from `prefix`, in path order, else after the last import. */
function addImport(text: string, line: string, prefix: string): string {
  const lines = text.split('\n')
  const pathOf = (l: string) => /from '([^']+)'/.exec(l)?.[1] ?? ''
  const own = pathOf(line)
  const siblings = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('import ') && pathOf(l).startsWith(prefix))
  const after = siblings.find(([l]) => pathOf(l) > own)
  const lastImport = lines.reduce((last, l, i) => (l.startsWith('import ') ? i : last), -1)
  const at = after ? after[1] : siblings.length ? siblings[siblings.length - 1]![1] + 1 : lastImport + 1
  lines.splice(at, 0, line)
  return lines.join('\n')
}

function actionFile(action: string, exportName: string, module: string): string {
  const zone = module === 'iaas' ? `  zone: 'required', // 'none' for a global action (it then ignores \`zone\`)\n` : `  zone: 'none',\n`
  return `// ${action}: for now answers an empty success and changes nothing. Say here what it does; list what
// it leaves out of QingCloud's behaviour in the feature's index.ts (limitations).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'

export const ${exportName} = defineAction({
  name: '${action}',
${zone}  params: Type.Object({}),
  async handle() {
    return {}
  },
})
`
}

function testFile(action: string, module: string): string {
  const call =
    module === 'iaas'
      ? [`it('answers a signed call', async () => {`, `    assert.deepEqual(await t.call('${action}'), { action: '${action}Response', ret_code: 0 })`]
      : module === 'admin'
        ? [`it('answers a call signed by an administrator', async () => {`, `    assert.deepEqual(await t.admin_call('${action}'), { action: '${action}Response', ret_code: 0 })`]
        : [`it('answers a signed-in user', async () => {`, `    const { token } = await sessionUser(t)`, `    assert.deepEqual((await t.account('${action}', {}, { token })).body, { action: '${action}Response', ret_code: 0 })`]
  return `import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
${module === 'account' ? `import { sessionUser } from '../../../../test/support/fixtures-access-keys.ts'\n` : ''}import { startTestApp, type TestApp } from '../../../../test/support/harness.ts'

let t: TestApp
before(async () => {
  t = await startTestApp()
})
after(() => t.close())

describe('${action}', () => {
  ${call.join('\n')}
  })
})
`
}

function newFeatureIndex(feature: string, arrayName: string): string {
  return `// ${feature}: say what the feature covers. Limitations: list what it leaves out of QingCloud's behaviour.
import type { Action } from '../../protocol/action.ts'

export const ${arrayName}: Action[] = []
`
}

/** The file under `featuresDir` that defines `action` (`name: '<Action>',`, registered or not), if any. */
export function definedIn(featuresDir: string, action: string): string | undefined {
  return (readdirSync(featuresDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).find((f) => readFileSync(join(featuresDir, f), 'utf8').includes(`name: '${action}',`))
}

/** Writes the action, its test and the registration; returns the files written, relative to root. */
export function newAction(options: NewActionOptions): string[] {
  const { root, feature, action } = options
  if (!isPascalCase(action)) throw new ScaffoldError(`action name "${action}" is not PascalCase: write it as the API spells it, e.g. DescribeKeyPairs`)
  if (!FEATURE_NAME.test(feature)) throw new ScaffoldError(`feature "${feature}" is not a folder name under src/features: lower-case words joined by "-", e.g. security-groups`)
  const featuresDir = join(root, 'src', 'features')
  const featureDir = join(featuresDir, feature)
  const indexPath = join(featureDir, 'index.ts')
  const modulesPath = join(root, 'src', 'modules.ts')
  const known = readdirSync(featuresDir)
    .filter((f) => existsSync(join(featuresDir, f, 'index.ts')))
    .sort()
  if (options.newFeature) {
    if (existsSync(featureDir)) throw new ScaffoldError(`src/features/${feature} exists already: drop --new-feature`)
  } else if (!existsSync(indexPath)) {
    throw new ScaffoldError(`unknown feature "${feature}" (no src/features/${feature}/index.ts). Features: ${known.join(', ')}. To start a new one, add --new-feature`)
  }

  const defined = definedIn(featuresDir, action)
  if (defined) throw new ScaffoldError(`${action} exists already (src/features/${defined}): pick another name`)
  const file = kebabName(action)
  const actionPath = join(featureDir, 'actions', `${file}.ts`)
  const testPath = join(featureDir, 'actions', `${file}.test.ts`)
  for (const path of [actionPath, testPath]) if (existsSync(path)) throw new ScaffoldError(`${relative(root, path)} exists already: pick another name, or register the action it defines`)

  let modulesText = readFileSync(modulesPath, 'utf8')
  let indexText: string
  let arrayName: string
  if (options.newFeature) {
    arrayName = arrayNameOf(feature)
    indexText = newFeatureIndex(feature, arrayName)
    // a new feature's actions are QingCloud's: they join the /iaas/ module
    const iaas = /moduleOf\('iaas',\s*\[/.exec(modulesText)
    if (!iaas) throw new ScaffoldError("src/modules.ts has no moduleOf('iaas', [ … ]) to register the feature in")
    modulesText = appendToArray(modulesText, iaas.index + iaas[0].length - 1, `...${arrayName}`)
    modulesText = addImport(modulesText, `import { ${arrayName} } from './features/${feature}/index.ts'`, './features/')
  } else {
    indexText = readFileSync(indexPath, 'utf8')
    const arrays = [...indexText.matchAll(/export const (\w+Actions)(?::\s*Action\[\])?\s*=\s*\[/g)].map((m) => m[1]!)
    if (options.list !== undefined) {
      if (!arrays.includes(options.list)) throw new ScaffoldError(`src/features/${feature}/index.ts exports no array ${options.list}; it exports ${arrays.join(', ') || 'none'}`)
      arrayName = options.list
    } else if (arrays.length === 1) arrayName = arrays[0]!
    else throw new ScaffoldError(`src/features/${feature}/index.ts exports ${arrays.length ? `several action arrays (${arrays.join(', ')}): name one with --list` : 'no …Actions array to register the action in'}`)
  }
  const module = modulesOfArrays(modulesText).get(arrayName)
  if (!module) throw new ScaffoldError(`${arrayName} is not registered in any module of src/modules.ts`)

  const exportName = camelName(action)
  const declaration = new RegExp(`export const ${arrayName}(?::\\s*Action\\[\\])?\\s*=\\s*\\[`).exec(indexText)!
  indexText = appendToArray(indexText, declaration.index + declaration[0].length - 1, exportName)
  indexText = addImport(indexText, `import { ${exportName} } from './actions/${file}.ts'`, './actions/')

  // everything is decided: write it all
  mkdirSync(dirname(actionPath), { recursive: true })
  const written: Array<[string, string]> = [
    [actionPath, actionFile(action, exportName, module)],
    [testPath, testFile(action, module)],
    [indexPath, indexText],
  ]
  if (options.newFeature) written.push([modulesPath, modulesText])
  for (const [path, text] of written) writeFileSync(path, text)
  return written.map(([path]) => relative(root, path))
}

function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'new-feature': { type: 'boolean' }, list: { type: 'string' }, root: { type: 'string' } },
  })
  if (positionals.length !== 2) {
    console.error('usage: npm run new-action -- <feature> <ActionName> [--new-feature] [--list <featureActions>]')
    return 2
  }
  const [feature, action] = positionals as [string, string]
  try {
    const files = newAction({
      root: resolve(values.root ?? new URL('..', import.meta.url).pathname),
      feature,
      action,
      ...(values['new-feature'] && { newFeature: true }),
      ...(values.list !== undefined && { list: values.list }),
    })
    console.log(`wrote ${files.join(', ')}`)
    console.log(`next: make the handler do the work, test it (node scripts/test.mjs ${files[1]}), then npm run docs:coverage`)
    return 0
  } catch (error) {
    if (!(error instanceof ScaffoldError)) throw error
    console.error(`new-action: ${error.message}`)
    return 1
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2))
