import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { ok, startTestApp, type TestApp } from '../../../../test/support/harness.ts'
import { template } from '../../../../test/support/fixtures-clusters.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const newApp = async () => ok(await t.admin_call('CreateApp', { app_name: 'Queue', category: 'middleware', description: 'a message queue' })).app_id as string

describe('CreateApp and CreateAppVersion', () => {
  it('publish an app and a version every user can see and deploy', async () => {
    const app_id = await newApp()
    assert.match(app_id, /^app-[0-9a-z]{8}$/)
    const version = ok(await t.admin_call('CreateAppVersion', { app: app_id, name: 'Queue 1.0', template: template({ images: { pek3a: 'debian12x64', sh1a: 'debian12x64' } }) }))
    assert.match(version.version_id, /^appv-[0-9a-z]{8}$/)
    const listed = ok(await t.call('DescribeAppVersions', { app_ids: [app_id], verbose: 1 })).version_set
    assert.deepEqual(
      listed.map((v: { version_id: string; name: string }) => [v.version_id, v.name]),
      [[version.version_id, 'Queue 1.0']],
    )
    assert.deepEqual(
      listed[0].images.map((i: { zone_id: string }) => i.zone_id),
      ['pek3a', 'sh1a'],
    )
    assert.equal('images' in listed[0].template.roles[0], false)
    const app = ok(await t.call('DescribeApps', { app: [app_id] })).app_set[0]
    assert.deepEqual([app.app_name, app.category, app.owner], ['Queue', 'middleware', t.admin.user_id])
  })

  it('answers 1100 naming the template field in error', async () => {
    const app = await newApp()
    const cases: Array<[string, RegExp]> = [
      ['{', /parameter template is not valid JSON/],
      ['{"roles": []}', /parameter template\.roles should list at least one role/],
      [template({ roles: [{ role: 'Node', shapes: [{ cpu: 1, memory: 1024 }], count: { min: 1, max: 2, default: 1 } }] }), /template\.roles\.1\.role should be a name of lower-case letters/],
      [template({ roles: [{ role: 'vxnet', shapes: [{ cpu: 1, memory: 1024 }], count: { min: 1, max: 2, default: 1 } }] }), /template\.roles\.1\.role can not be \[vxnet\], a cluster setting/],
      [template({ roles: [{ role: 'a', shapes: [{ cpu: 3, memory: 1024 }], count: { min: 1, max: 2, default: 1 } }] }), /template\.roles\.1\.shapes\.1\.cpu should be one of \[1, 2, 4, 8, 16\]/],
      [template({ roles: [{ role: 'a', shapes: [{ cpu: 1, memory: 1024 }], count: { min: 2, max: 3, default: 1 } }] }), /template\.roles\.1\.count should have min <= default <= max/],
      [template({ roles: [{ role: 'a', shapes: [{ cpu: 1, memory: 1024 }], count: { min: 1, max: 2, default: 1 }, images: { mars1: 'x' } }] }), /template\.roles\.1\.images\.mars1 names no zone of this platform/],
      [template({ env: [{ key: 'port', type: 'int' }] }), /template\.env\.1\.type should be one of \[string, integer/],
      [template({ env: [{ key: 'port', type: 'integer', min: 1, max: 10, default: 11 }] }), /template\.env\.1\.default value 11 is out of range, maximum 10/],
      [template({ env: [{ key: 'name', type: 'string', pattern: '(' }] }), /template\.env\.1\.pattern is not a valid regular expression/],
      [
        template({
          env: [
            { key: 'a', type: 'string' },
            { key: 'a', type: 'string' },
          ],
        }),
        /template\.env\.2\.key repeats the parameter \[a\]/,
      ],
    ]
    for (const [text, message] of cases) {
      const reply = await t.admin_call('CreateAppVersion', { app, name: 'bad', template: text })
      assert.equal(reply.ret_code, 1100, `${text}: ${reply.message}`)
      assert.match(reply.message, message)
    }
    assert.equal(ok(await t.call('DescribeAppVersions', { app_ids: [app] })).total_count, 0)
  })

  it('answers 2100 for an unknown app and 1400 for a caller who is not an administrator', async () => {
    const unknown = await t.admin_call('CreateAppVersion', { app: 'app-nothere0', name: 'x', template: template() })
    assert.deepEqual([unknown.ret_code, unknown.message], [2100, 'ResourceNotFound, resource [app-nothere0] not found'])
    const user = await t.admin_call('CreateApp', { app_name: 'mine' }, { key: t.user })
    assert.equal(user.ret_code, 1400)
  })
})
