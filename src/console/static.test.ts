// /console/ serves the built console with its security headers and caching, and says how to build
// it when there is no build; the API beside it is untouched.
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../test/support/harness.ts'

const built = mkdtempSync(join(tmpdir(), 'qinglocal-console-'))
mkdirSync(join(built, 'assets'))
writeFileSync(join(built, 'index.html'), '<!doctype html><title>QingLocal</title><div id="root"></div>')
writeFileSync(join(built, 'assets', 'app-1a2b3c.js'), 'console.log(1)')

let t: TestApp
let bare: TestApp
before(async () => {
  t = await startTestApp({ consoleDir: `${built}/` })
  bare = await startTestApp({ consoleDir: `${join(built, 'nothing')}/` })
})
after(async () => {
  await t.close()
  await bare.close()
  rmSync(built, { recursive: true, force: true })
})

describe('/console/', () => {
  it('serves index.html never cached, hashed assets cached for good, both with a strict content security policy', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/console/' })
    assert.equal(page.statusCode, 200)
    assert.match(String(page.headers['content-type']), /^text\/html/)
    assert.match(page.body, /<title>QingLocal<\/title>/)
    assert.equal(page.headers['cache-control'], 'no-cache')
    assert.match(String(page.headers['content-security-policy']), /default-src 'self'.*frame-ancestors 'none'/)
    assert.equal(page.headers['x-content-type-options'], 'nosniff')
    const asset = await t.app.inject({ method: 'GET', url: '/console/assets/app-1a2b3c.js' })
    assert.equal(asset.statusCode, 200)
    assert.match(String(asset.headers['content-type']), /javascript/)
    assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable')
  })

  it('redirects /console to /console/ and leaves the API as it was', async () => {
    const redirect = await t.app.inject({ method: 'GET', url: '/console' })
    assert.deepEqual([redirect.statusCode, redirect.headers.location], [302, '/console/'])
    assert.equal((await t.call('DescribeZones', {})).ret_code, 0)
  })

  it('says how to build the console where there is no build', async () => {
    const reply = await bare.app.inject({ method: 'GET', url: '/console/' })
    assert.equal(reply.statusCode, 503)
    assert.match(reply.body, /npm run build/)
  })
})
