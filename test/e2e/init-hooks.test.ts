// Init hooks (<data>/init/ready.d/) through a real server: serve() in this process for what the
// hooks do and how their outcomes are remembered, and `qinglocal serve --workers 2` as a child for
// "once, in the primary" and the hook's output in the log. Every server uses the SQLite file store
// in a fresh data directory (on TEST_DATABASE=postgres too: serve() cannot use a per-test schema).
import assert from 'node:assert/strict'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { callApi } from '../../src/cli/client.ts'
import { readCredentials } from '../../src/cli/credentials.ts'
import { initHookResults, parseActionList, type InitHookResult } from '../../src/init-hooks.ts'
import { SETTLE_WITHIN_MS, startServer, tempData, TIMEOUT } from '../support/e2e-server.ts'
import { serveQuietly } from '../support/serve-quietly.ts'

/** Writes `files` into <dataDir>/init/ready.d/; a `#!` file is made executable. */
function hooks(dataDir: string, files: Record<string, string>): string {
  const dir = join(dataDir, 'init', 'ready.d')
  mkdirSync(dir, { recursive: true })
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text)
    if (text.startsWith('#!')) chmodSync(join(dir, name), 0o755)
  }
  return dir
}

const outcomes = (results: readonly InitHookResult[]) => results.map((r) => [r.name, r.kind, r.outcome])

describe('init hooks', { timeout: TIMEOUT }, () => {
  it('run in name order once the server listens: scripts with the server in their environment, action lists as the bootstrap user; a failure stops neither the server nor the next hook', async () => {
    const dataDir = tempData()
    const out = join(dataDir, '..', 'hook-out')
    hooks(dataDir, {
      // written so that name order (not the order written) decides
      '90-last.sh': `#!/bin/sh\necho "last ran" >> "${out}"\n`,
      '10-script.sh': `#!/bin/sh\nprintf '%s\\n%s\\n%s\\n' "$QINGLOCAL_URL" "$QINGLOCAL_DATA" "$QINGLOCAL_CREDENTIALS" > "${out}"\necho "to the log"\n`,
      '20-keys.yaml': ['- action: CreateKeyPair', '  params:', '    keypair_name: from-hook', '    mode: system', '- action: CreateVolumes', '  params: { size: 20, volume_name: hook-disk }', '  wait: true', ''].join('\n'),
      '30-admin.json': JSON.stringify([{ action: 'DescribeUsers', module: 'admin', params: { limit: 1 } }]),
      '40-exit-3.sh': '#!/bin/sh\necho "going down" >&2\nexit 3\n',
      '50-refused.yml': '- action: CreateKeyPair\n  params: { mode: nonsense }\n- action: CreateKeyPair\n  params: { keypair_name: never-sent }\n',
      '60-bad.json': '{ "action": "DescribeZones" }',
      '70-typo.yaml': '- action: DescribeZones\n  wiat: true\n',
      '80-notes.txt': 'not executable, not a list\n',
      '.hidden': 'ignored',
    })
    const server = await serveQuietly({ dataDir, jobSpeed: 'instant' })
    try {
      const results = await server.initHooks!
      assert.deepEqual(
        outcomes(results),
        [
          ['10-script.sh', 'executable', 'succeeded'],
          ['20-keys.yaml', 'actions', 'succeeded'],
          ['30-admin.json', 'actions', 'succeeded'],
          ['40-exit-3.sh', 'executable', 'failed'],
          ['50-refused.yml', 'actions', 'failed'],
          ['60-bad.json', 'invalid', 'failed'],
          ['70-typo.yaml', 'invalid', 'failed'],
          ['80-notes.txt', 'invalid', 'failed'],
          ['90-last.sh', 'executable', 'succeeded'],
        ],
        JSON.stringify(results, null, 1),
      )
      const byName = Object.fromEntries(results.map((r) => [r.name, r]))
      assert.equal(byName['40-exit-3.sh']!.message, 'exit code 3')
      assert.match(byName['50-refused.yml']!.message, /^item 1 \(CreateKeyPair\): ret_code 1100: .*mode/)
      assert.match(byName['60-bad.json']!.message, /expected a list/)
      assert.match(byName['70-typo.yaml']!.message, /item 1: unknown field wiat/)
      assert.match(byName['80-notes.txt']!.message, /neither executable nor an action list/)
      // what the getter reports is this run
      assert.deepEqual(initHookResults(), { state: 'done', hooks: results })

      // the script saw the server, the data directory and the credentials file
      const lines = readFileSync(out, 'utf8').trim().split('\n')
      assert.deepEqual(lines, [server.url, dataDir, join(dataDir, 'config.yaml'), 'last ran'])

      // the action list's work is there, as the bootstrap user's; the volume's job was waited for
      const user = readCredentials(join(dataDir, 'config.yaml'))
      const keys = await callApi(user, 'DescribeKeyPairs', { zone: 'pek3a', search_word: 'from-hook' })
      assert.deepEqual(
        (keys.keypair_set as Array<{ keypair_name: string }>).map((k) => k.keypair_name),
        ['from-hook'],
      )
      const volumes = await callApi(user, 'DescribeVolumes', { zone: 'pek3a', search_word: 'hook-disk' })
      assert.deepEqual(
        (volumes.volume_set as Array<{ status: string }>).map((v) => v.status),
        ['available'],
      )
      // the refused list stopped at its refusal: its second item was never sent
      const never = await callApi(user, 'DescribeKeyPairs', { zone: 'pek3a', search_word: 'never-sent' })
      assert.equal(never.total_count, 0)
      // and the server serves on
      assert.equal((await callApi(user, 'DescribeZones', {})).ret_code, 0)
    } finally {
      await server.close()
    }
  })

  it('stop a hook that runs past the time limit and go on with the next', async () => {
    const dataDir = tempData()
    const marker = join(dataDir, '..', 'after-slow')
    hooks(dataDir, {
      '1-slow.sh': '#!/bin/sh\nexec sleep 60\n',
      '2-after.sh': `#!/bin/sh\ntouch "${marker}"\n`,
    })
    const server = await serveQuietly({ dataDir, initHookTimeoutMs: 500 })
    try {
      const results = await server.initHooks!
      assert.deepEqual(outcomes(results), [
        ['1-slow.sh', 'executable', 'timed_out'],
        ['2-after.sh', 'executable', 'succeeded'],
      ])
      assert.ok(existsSync(marker))
    } finally {
      await server.close()
    }
  })

  it('a data directory without ready.d runs nothing', async () => {
    const server = await serveQuietly({ dataDir: tempData() })
    try {
      assert.deepEqual(await server.initHooks!, [])
      assert.deepEqual(initHookResults(), { state: 'done', hooks: [] })
    } finally {
      await server.close()
    }
  })

  it('checks an action list whole before anything is sent', () => {
    assert.deepEqual(parseActionList('- action: DescribeZones\n- { action: DescribeUsers, module: admin, params: { limit: 1 }, wait: false }\n'), [
      { action: 'DescribeZones', module: 'iaas', params: {}, wait: false },
      { action: 'DescribeUsers', module: 'admin', params: { limit: 1 }, wait: false },
    ])
    assert.throws(() => parseActionList('- action: DescribeZones\n- action: X\n  module: account\n'), /item 2: module must be iaas or admin/)
    assert.throws(() => parseActionList('- action: DescribeZones\n  wait: "yes"\n'), /item 1: wait must be true or false/)
    assert.throws(() => parseActionList('- params: {}\n'), /item 1: action must be/)
    assert.throws(() => parseActionList('- action: A\n  params: [1]\n'), /item 1: params must be a mapping/)
    assert.throws(() => parseActionList('[1, 2'), /./)
  })

  it('with --workers 2 run once, in the primary, their output logged under their name', async () => {
    const dataDir = tempData()
    const out = join(dataDir, '..', 'ran')
    hooks(dataDir, { 'once.sh': `#!/bin/sh\necho "pid $$" >> "${out}"\necho "hello from the hook"\n` })
    const server = await startServer(dataDir, 'instant', { QINGLOCAL_WORKERS: '2', QINGLOCAL_LOG_LEVEL: 'info' })
    const deadline = Date.now() + SETTLE_WITHIN_MS
    while (!server.output().includes('init hooks: all 1 succeeded')) {
      assert.ok(Date.now() < deadline, `the hooks did not finish:\n${server.output()}`)
      await new Promise((r) => setTimeout(r, 50))
    }
    assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 1)
    const logged = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { hook?: string; msg?: string; stream?: string; worker?: number })
    const line = logged.find((l) => l.msg === 'hello from the hook')
    assert.deepEqual({ hook: line?.hook, stream: line?.stream, worker: line?.worker }, { hook: 'once.sh', stream: 'stdout', worker: undefined })
  })
})
