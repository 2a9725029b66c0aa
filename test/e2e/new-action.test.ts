// npm run new-action, run as a command on a temporary copy of src/ and test/support/: it refuses
// bad requests changing nothing, and what it writes is registered and passes its own wire test.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { camelName, definedIn, kebabName } from '../../scripts/new-action.ts'
import { modules } from '../../src/modules.ts'

const repo = new URL('../..', import.meta.url).pathname
let copy: string

interface Run {
  code: number
  stdout: string
  stderr: string
}

// without the test runner's own variable, a child `node --test` runs as a test run of its own
const { NODE_TEST_CONTEXT: _, ...env } = process.env
const runIn = (cwd: string, args: string[]) =>
  new Promise<Run>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', ...args], { cwd, env }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }))
  })
const scaffold = (...args: string[]) => runIn(repo, [join(repo, 'scripts', 'new-action.ts'), '--root', copy, ...args])
const read = (path: string) => readFileSync(join(copy, path), 'utf8')

before(() => {
  copy = mkdtempSync(join(tmpdir(), 'qinglocal-new-action-'))
  cpSync(join(repo, 'src'), join(copy, 'src'), { recursive: true })
  mkdirSync(join(copy, 'test'))
  cpSync(join(repo, 'test', 'support'), join(copy, 'test', 'support'), { recursive: true })
  mkdirSync(join(copy, 'scripts'))
  for (const file of ['package.json', 'tsconfig.json', 'scripts/test.mjs', 'scripts/test-bundle.mjs', 'scripts/build.mjs', 'scripts/test-durations.mjs']) cpSync(join(repo, file), join(copy, file))
  symlinkSync(realpathSync(join(repo, 'node_modules')), join(copy, 'node_modules'))
})
after(() => rmSync(copy, { recursive: true, force: true }))

describe('npm run new-action', () => {
  it('names files and exports after the action, acronyms whole', () => {
    assert.equal(kebabName('DescribeKeyPairs'), 'describe-key-pairs')
    assert.equal(kebabName('CreateSecurityGroupIPSet'), 'create-security-group-ip-set')
    assert.equal(kebabName('RDBsJoinVxnet'), 'rdbs-join-vxnet')
    assert.equal(kebabName('DescribeS2Servers'), 'describe-s2-servers')
    assert.equal(camelName('RDBsJoinVxnet'), 'rdbsJoinVxnet')
  })

  it('finds where every registered action is defined, so an existing one is never written again', () => {
    for (const m of modules) for (const name of m.actions.keys()) assert.ok(definedIn(join(repo, 'src', 'features'), name), `${name}: no name: '${name}', in src/features`)
    assert.equal(definedIn(join(repo, 'src', 'features'), 'DescribeNothingAtAll'), undefined)
  })

  it('refuses a name that is not PascalCase, an unknown feature, an existing action and an unclear array, changing nothing', async () => {
    const before = read('src/features/keypairs/index.ts')
    const modules = read('src/modules.ts')
    const [notPascal, snake, unknown, exists, twoArrays, existingFeature, usage] = await Promise.all([
      scaffold('keypairs', 'describeThings'),
      scaffold('keypairs', 'Describe_Things'),
      scaffold('nosuch', 'DescribeThings'),
      scaffold('keypairs', 'CreateKeyPair'),
      scaffold('billing', 'GetThings'),
      scaffold('--new-feature', 'keypairs', 'DescribeThings'),
      scaffold('keypairs'),
    ])
    for (const run of [notPascal, snake, unknown, exists, twoArrays, existingFeature]) assert.equal(run.code, 1, run.stderr)
    assert.match(notPascal.stderr, /action name "describeThings" is not PascalCase/)
    assert.match(snake.stderr, /"Describe_Things" is not PascalCase/)
    assert.match(unknown.stderr, /unknown feature "nosuch" \(no src\/features\/nosuch\/index\.ts\)\. Features: .*keypairs.*add --new-feature/)
    assert.match(exists.stderr, /CreateKeyPair exists already \(src\/features\/keypairs\/actions\/create-key-pair\.ts\)/)
    assert.match(twoArrays.stderr, /several action arrays \(billingActions, billingAdminActions\): name one with --list/)
    assert.match(existingFeature.stderr, /src\/features\/keypairs exists already: drop --new-feature/)
    assert.equal(usage.code, 2)
    assert.match(usage.stderr, /usage: npm run new-action -- <feature> <ActionName>/)
    assert.equal(read('src/features/keypairs/index.ts'), before)
    assert.equal(read('src/modules.ts'), modules)
    assert.ok(!existsSync(join(copy, 'src/features/keypairs/actions/describe-things.ts')))
    assert.ok(!existsSync(join(copy, 'src/features/billing/actions/get-things.ts')))
  })

  it('writes the action, its test and the registration (existing feature, admin array, new feature)', async () => {
    const iaas = await scaffold('keypairs', 'DescribeScaffoldProbes')
    assert.equal(iaas.code, 0, iaas.stderr)
    assert.match(iaas.stdout, /wrote src\/features\/keypairs\/actions\/describe-scaffold-probes\.ts, src\/features\/keypairs\/actions\/describe-scaffold-probes\.test\.ts, src\/features\/keypairs\/index\.ts/)
    assert.match(read('src/features/keypairs/actions/describe-scaffold-probes.ts'), /export const describeScaffoldProbes = defineAction\(\{\n {2}name: 'DescribeScaffoldProbes',\n {2}zone: 'required'/)
    const index = read('src/features/keypairs/index.ts')
    assert.match(index, /import \{ describeScaffoldProbes \} from '\.\/actions\/describe-scaffold-probes\.ts'/)
    assert.match(index, /export const keyPairActions: Action\[\] = \[.*, describeScaffoldProbes\]/)

    const admin = await scaffold('billing', 'DescribeScaffoldPrices', '--list', 'billingAdminActions')
    assert.equal(admin.code, 0, admin.stderr)
    assert.match(read('src/features/billing/index.ts'), /billingAdminActions: Action\[\] = \[.*, describeScaffoldPrices\]/)
    assert.match(read('src/features/billing/actions/describe-scaffold-prices.ts'), /zone: 'none'/)
    assert.match(read('src/features/billing/actions/describe-scaffold-prices.test.ts'), /t\.admin_call\('DescribeScaffoldPrices'\)/)

    // a feature no issue plans, so the scaffold never meets a real folder of that name
    const feature = await scaffold('--new-feature', 'scaffold-widgets', 'CreateScaffoldWidgets')
    assert.equal(feature.code, 0, feature.stderr)
    assert.match(read('src/features/scaffold-widgets/index.ts'), /export const scaffoldWidgetActions: Action\[\] = \[createScaffoldWidgets\]/)
    const modules = read('src/modules.ts')
    assert.match(modules, /import \{ scaffoldWidgetActions \} from '\.\/features\/scaffold-widgets\/index\.ts'/)
    assert.match(modules, /moduleOf\('iaas', \[[^\]]*\n {4}\.\.\.scaffoldWidgetActions,\n {2}\]\),/)

    // the same action twice: the second run refuses (it is registered now)
    const again = await scaffold('keypairs', 'DescribeScaffoldProbes')
    assert.equal(again.code, 1)
    assert.match(again.stderr, /DescribeScaffoldProbes exists already/)
  })

  it('the written actions answer through the wire: their generated tests pass in the copy', async () => {
    // as `npm test` runs them: the copy's own bundle of its sources (scripts/test.mjs), not tsx
    const run = await new Promise<Run>((resolve) => {
      execFile(
        process.execPath,
        [
          join(copy, 'scripts', 'test.mjs'),
          'src/features/keypairs/actions/describe-scaffold-probes.test.ts',
          'src/features/billing/actions/describe-scaffold-prices.test.ts',
          'src/features/scaffold-widgets/actions/create-scaffold-widgets.test.ts',
        ],
        { cwd: copy, env },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      )
    })
    assert.equal(run.code, 0, run.stdout + run.stderr)
    assert.match(run.stdout, /^tests: 3 passed, 0 failed$/m)
  })
})
