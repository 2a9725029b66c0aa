// The `qinglocal` command in this process (runCli with captured output and a test environment):
// --version, what `call` says when nothing answers, one credentials flag on every command that
// signs, where `license keygen` puts a key, `jobs step` / `billing tick` refusing a data directory
// serve never made, and the start-up banner's hint naming a data directory that is not ./data.
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { after, describe, it } from 'node:test'
import { runQinglocal } from '../../test/support/run-cli.ts'
import { serveCapturingBanner } from '../../test/support/serve-quietly.ts'
import type { CliIo } from './program.ts'

const work = mkdtempSync(join(tmpdir(), 'qinglocal-cli-'))
after(() => rmSync(work, { recursive: true, force: true }))

/** `qinglocal <args>` in this process: exit code and what it wrote. */
const qinglocal = (args: string[], env: CliIo['env'] = {}) => runQinglocal(args, env)

/** A local port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1')
  await new Promise((resolve) => probe.once('listening', resolve))
  const port = (probe.address() as { port: number }).port
  await new Promise((resolve) => probe.close(resolve))
  return port
}

function credentialsFor(port: number): string {
  const file = join(work, `creds-${port}.yaml`)
  writeFileSync(file, `qy_access_key_id: QYACCESSKEYIDEXAMPLE\nqy_secret_access_key: SECRET\nzone: pek3a\nhost: 127.0.0.1\nport: ${port}\nprotocol: http\n`)
  return file
}

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version

describe('qinglocal --version', () => {
  it('prints the package version for --version and -V', async () => {
    for (const flag of ['--version', '-V']) assert.deepEqual(await qinglocal([flag]), { code: 0, stdout: `${version}\n`, stderr: '' })
  })
})

describe('qinglocal call with nothing listening', () => {
  it('names the URL, the cause and what to check, and exits 2', async () => {
    const port = await closedPort()
    const file = credentialsFor(port)
    const result = await qinglocal(['call', 'DescribeZones', '-f', file])
    assert.equal(result.code, 2)
    assert.equal(result.stdout, '')
    const [first, hint] = result.stderr.split('\n')
    assert.equal(first, `qinglocal call: cannot reach http://127.0.0.1:${port}/iaas/: connect ECONNREFUSED 127.0.0.1:${port}`)
    assert.match(hint!, /is `qinglocal serve` running there\? Check host and port in the credentials file .*creds-\d+\.yaml \(it says http:\/\/127\.0\.0\.1:\d+\)/)
  })
})

describe('the credentials flag', () => {
  it('is -f, --credentials <file> on every command that signs', async () => {
    for (const command of [['call'], ['cluster', 'deploy']]) {
      const help = await qinglocal([...command, '--help'])
      assert.match(help.stdout, /-f, --credentials <file>\s+qingcloud-cli style credentials file/, command.join(' '))
    }
    const port = await closedPort()
    const file = credentialsFor(port)
    for (const flag of ['-f', '--credentials']) {
      const call = await qinglocal(['call', 'DescribeZones', flag, file])
      assert.match(call.stderr, new RegExp(`cannot reach http://127.0.0.1:${port}/iaas/`), `call ${flag}`)
      // cluster deploy reads the credentials, then finds the conf file missing before sending anything
      const deploy = await qinglocal(['cluster', 'deploy', '--conf', join(work, 'nothere.json'), '--version', 'appv-redis705', flag, file])
      assert.deepEqual(deploy, { code: 1, stdout: '', stderr: `ConfigFileMissing (8004): missing configuration file: ${join(work, 'nothere.json')} does not exist\n` }, `cluster deploy ${flag}`)
    }
  })
})

describe('qinglocal license keygen', () => {
  it('writes to ~/.config/qinglocal by default (directory 0700, private key 0600), or $XDG_CONFIG_HOME/qinglocal', async () => {
    const home = join(work, 'home')
    const made = await qinglocal(['license', 'keygen'], { HOME: home })
    assert.equal(made.code, 0, made.stderr)
    const dir = join(home, '.config', 'qinglocal')
    assert.equal(made.stdout, `private key: ${join(dir, 'license-private.pem')}\npublic key:  ${join(dir, 'license-public.pem')}\n`)
    assert.equal(statSync(dir).mode & 0o777, 0o700)
    assert.equal(statSync(join(dir, 'license-private.pem')).mode & 0o777, 0o600)
    assert.match(readFileSync(join(dir, 'license-public.pem'), 'utf8'), /^-----BEGIN PUBLIC KEY-----\n/)

    const xdg = join(work, 'xdg')
    assert.equal((await qinglocal(['license', 'keygen', '--name', 'acme'], { HOME: home, XDG_CONFIG_HOME: xdg })).code, 0)
    assert.ok(existsSync(join(xdg, 'qinglocal', 'acme-private.pem')))
  })
})

describe('jobs step and billing tick on a data directory serve never made', () => {
  it('refuse, naming the path, exit 2, and create nothing', async () => {
    const missing = join(work, 'no-such-data')
    for (const command of [
      ['jobs', 'step'],
      ['billing', 'tick'],
    ]) {
      const result = await qinglocal([...command, '--data', missing])
      assert.equal(result.code, 2, command.join(' '))
      assert.equal(result.stderr, `qinglocal ${command.join(' ')} failed: the data directory ${missing} does not exist (check --data or QINGLOCAL_DATA; qinglocal serve creates it)\n`)
      assert.equal(existsSync(missing), false)
    }
    // the directory is there (made by hand), its database is not
    const empty = join(work, 'empty-data')
    mkdirSync(empty)
    for (const command of [
      ['jobs', 'step'],
      ['billing', 'tick'],
    ]) {
      const result = await qinglocal([...command], { QINGLOCAL_DATA: empty })
      assert.equal(result.code, 2, command.join(' '))
      assert.match(result.stderr, new RegExp(`failed: there is no database at ${join(empty, 'qinglocal.db')} `))
      assert.equal(existsSync(join(empty, 'qinglocal.db')), false)
    }
    // a database with no QingLocal in it
    const blank = await qinglocal(['billing', 'tick', '--database-url', 'sqlite::memory:'])
    assert.deepEqual([blank.code, blank.stderr], [2, 'qinglocal billing tick failed: the database sqlite::memory: holds no QingLocal platform (qinglocal serve creates it)\n'])
  })
})

describe('the start-up banner', () => {
  /** serve() on a free port; its banner. */
  async function banner(dataDir: string): Promise<string> {
    const { server, banner } = await serveCapturingBanner({ dataDir, databaseUrl: 'sqlite::memory:' })
    await server.close()
    return banner
  }

  it('names the credentials file with -f in its hint when the data directory is not ./data', async () => {
    const dataDir = join(work, 'elsewhere')
    const text = await banner(dataDir)
    assert.ok(text.includes(`  try:  npx qinglocal call DescribeZones -f ${relative(process.cwd(), join(dataDir, 'config.yaml'))}\n`), text)
  })

  it('leaves -f out for ./data, which qinglocal call reads by itself', async () => {
    const cwd = process.cwd()
    const dir = join(work, 'project')
    mkdirSync(dir)
    process.chdir(dir)
    try {
      const text = await banner('data')
      assert.ok(text.includes('  try:  npx qinglocal call DescribeZones            (signs with data/config.yaml)\n'), text)
    } finally {
      process.chdir(cwd)
    }
  })
})

describe('qinglocal coverage', () => {
  const doc = readFileSync(new URL('../../docs/coverage.md', import.meta.url), 'utf8')
  const documented = readFileSync(new URL('../../test/fixtures/qingcloud-actions.tsv', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .slice(1)
    .map((line) => line.split('\t'))

  it('--json is the table of docs/coverage.md: the same total and, per group, the same counts and percentage', async () => {
    const { code, stdout, stderr } = await qinglocal(['coverage', '--json'])
    assert.equal(code, 0, stderr)
    const report = JSON.parse(stdout) as {
      implemented: number
      documented: number
      percent: string
      groups: Array<{ group: string; implemented: number; documented: number; percent: string; actions: Array<{ action: string; implemented: boolean }> }>
    }
    assert.equal(report.documented, documented.length)
    assert.ok(doc.includes(`**${report.implemented} of ${report.documented} documented actions implemented (${report.percent}).**`), 'the total differs from docs/coverage.md')
    const rows = [...doc.matchAll(/^\| \[([a-z0-9_]+)\]\(#[a-z0-9_]+\) \| (\d+) \| (\d+) \| (\d+%) \|$/gm)].map((m) => [m[1], Number(m[2]), Number(m[3]), m[4]])
    assert.deepEqual(
      report.groups.map((g) => [g.group, g.implemented, g.documented, g.percent]),
      rows,
    )
    // every documented action once, under its group, marked as the page marks it
    const listed = report.groups.flatMap((g) => g.actions.map((a) => [g.group, a.action, a.implemented]))
    assert.equal(listed.length, documented.length)
    for (const [group, action, implemented] of listed) {
      assert.ok(
        documented.some((d) => d[0] === group && d[1] === action),
        `${group} ${action} is not documented`,
      )
      assert.ok(doc.includes(`| \`${action}\` | ${implemented ? 'yes' : 'no'} |`), `${action}: ${implemented} differs from docs/coverage.md`)
    }
  })

  it('prints each group with its percentage and every action as yes or no', async () => {
    const { code, stdout } = await qinglocal(['coverage'])
    assert.equal(code, 0)
    const total = /\*\*(\d+) of (\d+) documented actions implemented \((\d+%)\)\.\*\*/.exec(doc)!
    assert.equal(stdout.split('\n')[0], `${total[1]} of ${total[2]} documented QingCloud actions implemented (${total[3]})`)
    assert.match(stdout, /^keypair {2}6 of 6 \(100%\)$/m)
    const actionLines = stdout.split('\n').filter((line) => /^ {2}(yes|no ) {2}[A-Z]/.test(line))
    assert.equal(actionLines.length, documented.length)
    assert.match(stdout, /^ {2}yes {2}CreateKeyPair$/m)
    assert.match(stdout, /^ {2}no {3}AddAlarmPolicyActions$/m)
    // the actions of QingLocal's own come last, by module
    assert.match(stdout, /QingLocal-only actions \(not in the documented list\):\n(.|\n)*^ {2}\/admin\/ [A-Z]/m)
  })

  it('--group shows one group; an unknown group exits 2 and lists the groups', async () => {
    const one = await qinglocal(['coverage', '--group', 'keypair'])
    assert.equal(one.code, 0)
    assert.equal(one.stdout, 'keypair  6 of 6 (100%)\n  yes  AttachKeyPairs\n  yes  CreateKeyPair\n  yes  DeleteKeyPairs\n  yes  DescribeKeyPairs\n  yes  DetachKeyPairs\n  yes  ModifyKeyPairAttributes\n\n')
    const json = await qinglocal(['coverage', '-g', 'alarm', '--json'])
    const alarm = JSON.parse(json.stdout) as { group: string; implemented: number; documented: number; percent: string }
    assert.deepEqual([alarm.group, alarm.implemented, alarm.documented, alarm.percent], ['alarm', 0, 17, '0%'])
    const unknown = await qinglocal(['coverage', '--group', 'keypairs'])
    assert.equal(unknown.code, 2)
    assert.equal(unknown.stdout, '')
    assert.match(unknown.stderr, /^qinglocal coverage: no documented group "keypairs"; the groups are alarm, .*keypair, .*zone\n$/)
  })
})
