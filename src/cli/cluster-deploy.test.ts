// `qinglocal cluster deploy` against a real server in this process: the conf file is compacted and
// sent, --wait follows the job, a missing or empty file is 8004 without a request, and the
// server's refusals read as name (code): message.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Server } from '../main.ts'
import { serveQuietly } from '../../test/support/serve-quietly.ts'
import { readCredentials } from './credentials.ts'
import { deployCluster, refusal, type DeployOptions } from './cluster-deploy.ts'

const dir = mkdtempSync(join(tmpdir(), 'qinglocal-cluster-cli-'))
let server: Server
let client: DeployOptions['client']
before(async () => {
  server = await serveQuietly({ dataDir: join(dir, 'data'), databaseUrl: 'sqlite::memory:', jobSpeed: 'instant' })
  const credentials = readCredentials(join(dir, 'data', 'config.yaml'))
  client = { baseUrl: credentials.baseUrl, uri: credentials.uri, accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey }
})
after(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

async function run(options: Partial<DeployOptions> & { confFile: string }) {
  const out: string[] = []
  const err: string[] = []
  const code = await deployCluster({ client, version: 'appv-zookp385', zone: 'pek3a', params: {}, wait: false, pollMs: 50, ...options }, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, out: out.join(''), err: err.join('') }
}

describe('qinglocal cluster deploy', () => {
  it('sends the file compacted, prints CreateClusterResponse and, with --wait, waits for the cluster', async () => {
    const file = join(dir, 'zk.json')
    writeFileSync(file, JSON.stringify({ cluster: { name: 'zk', vxnet: 'vxnet-0', zk_node: { count: 1 } }, env: { tickTime: 3000 } }, null, 4))
    const result = await run({ confFile: file, wait: true })
    assert.equal(result.code, 0, result.err)
    const [json, last] = [result.out.slice(0, result.out.lastIndexOf('}') + 1), result.out.slice(result.out.lastIndexOf('}') + 2)]
    const reply = JSON.parse(json)
    assert.deepEqual([reply.action, reply.cluster_name, reply.node_count], ['CreateClusterResponse', 'zk', 1])
    assert.equal(last, `cluster ${reply.cluster_id} is active\n`)
  })

  it('answers 8004 for a missing or empty file without sending anything', async () => {
    const unreachable = { ...client, baseUrl: 'http://127.0.0.1:1' }
    const missing = await deployCluster(
      { client: unreachable, confFile: join(dir, 'nothere.json'), version: 'appv-zookp385', zone: undefined, params: {}, wait: false },
      { out: () => {}, err: (t) => assert.equal(t, `ConfigFileMissing (8004): missing configuration file: ${join(dir, 'nothere.json')} does not exist\n`) },
    )
    assert.equal(missing, 1)
    const empty = join(dir, 'empty.json')
    writeFileSync(empty, '  \n')
    const result = await run({ client: unreachable, confFile: empty })
    assert.deepEqual([result.code, result.err], [1, `ConfigFileMissing (8004): missing configuration file: ${empty} is empty\n`])
  })

  it('shows the server’s refusals as name (code): message', async () => {
    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{"cluster": {"vxnet": "vxnet-0"')
    const notJson = await run({ confFile: broken })
    assert.equal(notJson.code, 1)
    assert.match(notJson.err, /^InvalidConfigParameter \(8000\): conf is not valid JSON: /)
    const noImage = join(dir, 'image.json')
    writeFileSync(noImage, JSON.stringify({ cluster: { vxnet: 'vxnet-0', zk_node: { image: 'img-nothere0' } } }))
    assert.deepEqual(await run({ confFile: noImage }), { code: 1, out: '', err: 'ConfigImageNotInZone (8002): image [img-nothere0] of role [zk_node] does not exist in zone [pek3a]\n' })
  })

  it('names any code from the catalogue, and keeps a message that does not start with the name', () => {
    assert.equal(refusal(2400, 'InsufficientBalance, balance 0.00 does not cover 0.36'), 'InsufficientBalance (2400): balance 0.00 does not cover 0.36')
    assert.equal(refusal(9999, 'odd'), 'Error (9999): odd')
  })
})
