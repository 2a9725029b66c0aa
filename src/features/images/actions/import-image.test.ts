// ImportImage: from a file in the warehouse's imports/ or an http URL (a throwaway server on
// 127.0.0.1, so these apps allow private sources), a pending private image answered at once; its
// job fetches the file in the background and makes the image available, or fails (1100) and
// ceases it when the source can not be downloaded, telling nothing of what the remote answered.
// 5500 while the warehouse is off; 1100 at request time for paths leading out of imports/, URLs
// that are not http(s) and, with private sources off (the default), addresses that are not public.
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readdirSync, symlinkSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { ok, type TestApp } from '../../../../test/support/harness.ts'
import { startWithWarehouse, tempWarehouse, type TempWarehouse } from '../../../../test/support/fixtures-warehouse.ts'
import { IMPORT_MAX_BYTES } from '../../warehouse/warehouse-files.ts'

let t: TestApp
let w: TempWarehouse
let close: () => Promise<void>
let server: Server
let base: string

const DISK = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256))

before(async () => {
  ;({ t, w, close } = await startWithWarehouse({ config: { importAllowPrivateSources: true } }))
  server = createServer((request, response) => {
    if (request.url === '/images/centos%207.qcow2') return void response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(DISK)
    if (request.url === '/huge.img') return void response.writeHead(200, { 'content-length': String(IMPORT_MAX_BYTES + 1) }).end()
    if (request.url === '/empty.img') return void response.writeHead(200).end()
    if (request.url === '/moved') return void response.writeHead(302, { location: '/images/centos%207.qcow2' }).end()
    if (request.url === '/loop') return void response.writeHead(302, { location: '/loop' }).end()
    response.writeHead(404).end('no such file')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
after(async () => {
  await new Promise((resolve) => server.close(resolve))
  await close()
})

const imageRow = (image_id: string) => t.store.db.selectFrom('images').selectAll().where('image_id', '=', image_id).executeTakeFirstOrThrow()
const imageCount = async () => (await t.store.db.selectFrom('images').select('image_id').execute()).length
const describeOne = async (image: string) => (await t.call('DescribeImages', { images: [image] })).image_set[0]
/** Files below images/ (what a refused import must not leave behind). */
const storedFiles = () => t.store.db.selectFrom('images').select('warehouse_file').where('warehouse_file', '!=', '').execute()
const jobOf = async (job: string) => (await t.call('DescribeJobs', { jobs: [job] })).job_set[0]
/** Files being written (`.part-…`) anywhere below the warehouse's images/. */
const partFiles = () =>
  readdirSync(w.path('images'), { recursive: true })
    .map(String)
    .filter((name) => name.includes('.part-'))

describe('ImportImage', () => {
  it('imports a file from imports/: a pending private image whose file is a copy, available after its job', async () => {
    w.put('imports/golden.qcow2', DISK)
    const reply = await t.call('ImportImage', { file: 'golden.qcow2', image_name: 'golden', os_family: 'rockylinux', size: 30, description: 'from the lab' })
    assert.equal(reply.ret_code, 0, reply.message)
    assert.match(reply.image_id, /^img-[0-9a-z]{8}$/)
    assert.match(reply.job_id, /^j-[0-9a-z]{8}$/)
    const pending = await describeOne(reply.image_id)
    assert.deepEqual(
      [pending.status, pending.transition_status, pending.image_name, pending.description, pending.visibility, pending.provider, pending.owner, pending.platform, pending.os_family, pending.size],
      ['pending', 'creating', 'golden', 'from the lab', 'private', 'self', t.user.user_id, 'linux', 'rockylinux', 30],
    )
    const file = `images/pek3a/${reply.image_id}.img`
    assert.equal((await imageRow(reply.image_id)).warehouse_file, file)
    // the copy is the job's work, not the request's
    assert.equal(w.exists(file), false)

    await t.settle()
    assert.deepEqual(w.read(file), DISK)
    // the source stays where the operator put it
    assert.deepEqual(w.read('imports/golden.qcow2'), DISK)
    const done = await describeOne(reply.image_id)
    assert.deepEqual([done.status, done.transition_status], ['available', ''])
    const job = (await t.call('DescribeJobs', { jobs: [reply.job_id] })).job_set[0]
    assert.deepEqual([job.job_action, job.status, job.resource_ids], ['ImportImage', 'successful', reply.image_id])
    // and instances launch from it
    const ran = await t.call('RunInstances', { image_id: reply.image_id, instance_type: 'c1m1', login_mode: 'passwd', login_passwd: 'Passw0rd123' })
    assert.equal(ran.ret_code, 0, ran.message)
    await t.settle()
  })

  it('takes paths below imports/, relative or absolute, and names the image after the file; Windows defaults', async () => {
    w.put('imports/team/win.img', 'windows disk')
    const relative = ok(await t.call('ImportImage', { file: 'team/./win.img', platform: 'windows' }))
    const image = await describeOne(relative.image_id)
    assert.deepEqual(
      [image.image_name, image.platform, image.os_family, image.size, image.default_user, image.ui_type, image.recommended_type, image.processor_type, image.features],
      ['win.img', 'windows', 'windows', 50, 'administrator', 'gui', 'c2m4', '64bit', 0],
    )
    const absolute = ok(await t.call('ImportImage', { file: w.path('imports/team/win.img'), processor_type: '32bit' }))
    const linux = await describeOne(absolute.image_id)
    assert.deepEqual([linux.platform, linux.os_family, linux.size, linux.default_user, linux.processor_type], ['linux', 'linux', 20, 'root', '32bit'])
    await t.settle()
    assert.equal(w.read(`images/pek3a/${absolute.image_id}.img`).toString(), 'windows disk')
  })

  it('imports from an http URL in its job, following redirects: the file holds exactly the bytes served', async () => {
    const reply = ok(await t.call('ImportImage', { url: `${base}/images/centos%207.qcow2`, os_family: 'centos' }))
    const pending = await describeOne(reply.image_id)
    assert.deepEqual([pending.image_name, pending.status, pending.transition_status], ['centos 7.qcow2', 'pending', 'creating'])
    assert.equal(w.exists(`images/pek3a/${reply.image_id}.img`), false)
    await t.settle()
    assert.deepEqual(w.read(`images/pek3a/${reply.image_id}.img`), DISK)
    assert.equal((await describeOne(reply.image_id)).status, 'available')
    assert.equal((await jobOf(reply.job_id)).status, 'successful')

    const moved = ok(await t.call('ImportImage', { url: `${base}/moved`, image_name: 'moved' }))
    await t.settle()
    assert.deepEqual(w.read(`images/pek3a/${moved.image_id}.img`), DISK)
  })

  it('refuses paths that lead out of imports/ with 1100, creating nothing', async () => {
    const outside = tempWarehouse()
    try {
      w.put('secret.txt', 'not for import')
      const target = outside.put('elsewhere.img', 'outside the warehouse')
      symlinkSync(target, w.path('imports/link.img'))
      symlinkSync(w.path('secret.txt'), w.path('imports/inner-link.img'))
      const before = await imageCount()
      const files = (await storedFiles()).length
      for (const file of ['../secret.txt', 'team/../../secret.txt', '..', '.', '/etc/passwd', w.path('secret.txt'), w.path('imports'), 'link.img', 'inner-link.img']) {
        assert.deepEqual(await t.call('ImportImage', { file }), { ret_code: 1100, message: `InvalidRequestFormat, parameter file [${file}] is outside the warehouse's imports/ directory` }, file)
      }
      assert.equal(await imageCount(), before)
      assert.equal((await storedFiles()).length, files)
    } finally {
      outside.remove()
    }
  })

  it('refuses a missing, empty or non-regular file with 1100', async () => {
    w.put('imports/empty.img', '')
    w.put('imports/folder/inside.img', 'x')
    const before = await imageCount()
    assert.deepEqual(await t.call('ImportImage', { file: 'nothere.img' }), { ret_code: 1100, message: "InvalidRequestFormat, parameter file [nothere.img] does not exist in the warehouse's imports/ directory" })
    assert.deepEqual(await t.call('ImportImage', { file: 'empty.img' }), { ret_code: 1100, message: 'InvalidRequestFormat, parameter file [empty.img] is empty' })
    assert.deepEqual(await t.call('ImportImage', { file: 'folder' }), { ret_code: 1100, message: 'InvalidRequestFormat, parameter file [folder] is not a regular file' })
    assert.equal(await imageCount(), before)
  })

  it('answers 1100 at once for URLs that are not http(s), creating nothing', async () => {
    const before = await imageCount()
    for (const [url, problem] of [
      ['not a url', 'is not a valid URL'],
      ['ftp://127.0.0.1/disk.img', 'must use http or https'],
      ['file:///etc/passwd', 'must use http or https'],
    ]) {
      assert.deepEqual(await t.call('ImportImage', { url }), { ret_code: 1100, message: `InvalidRequestFormat, parameter url [${url}] ${problem}` }, url)
    }
    assert.equal(await imageCount(), before)
  })

  it('answers at once for a source it can not download; the job fails (1100) saying nothing of the answer, the image is ceased, no file stays', async () => {
    // a port nobody listens on: bind one, then close it
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const deadPort = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))

    for (const url of [`${base}/missing.img`, `${base}/huge.img`, `${base}/empty.img`, `${base}/loop`, `http://127.0.0.1:${deadPort}/disk.img`]) {
      const reply = ok(await t.call('ImportImage', { url }))
      assert.equal((await describeOne(reply.image_id)).status, 'pending', url)
      await t.settle()
      const job = await jobOf(reply.job_id)
      assert.deepEqual([job.status, job.error_codes], ['failed', '1100'], url)
      const image = await describeOne(reply.image_id)
      assert.deepEqual([image.status, image.transition_status], ['ceased', ''], url)
      // nothing a user sees repeats the remote's status, size or error
      assert.doesNotMatch(JSON.stringify(job), /404|ECONNREFUSED|536870913|larger|empty/, url)
      assert.equal(w.exists(`images/pek3a/${reply.image_id}.img`), false, url)
    }
    assert.deepEqual(partFiles(), [])
  })

  it('needs exactly one of url and file (1100), and checks the other parameters (1100)', async () => {
    w.put('imports/one.img', 'one')
    assert.deepEqual(await t.call('ImportImage', {}), { ret_code: 1100, message: 'InvalidRequestFormat, missing parameter url or file' })
    assert.deepEqual(await t.call('ImportImage', { file: 'one.img', url: `${base}/images/centos%207.qcow2` }), {
      ret_code: 1100,
      message: 'InvalidRequestFormat, give either parameter url or parameter file, not both',
    })
    for (const [name, value] of [
      ['platform', 'beos'],
      ['processor_type', '16bit'],
      ['size', '0'],
      ['size', '101'],
      ['os_family', 'Cent OS'],
    ] as const) {
      const reply = await t.call('ImportImage', { file: 'one.img', [name]: value })
      assert.equal(reply.ret_code, 1100, `${name}=${value}`)
      assert.match(reply.message, new RegExp(name))
    }
  })

  it('answers 5500 while the warehouse is off, without reading the file or the URL', async () => {
    w.put('imports/off.img', 'off')
    let requests = 0
    const counting = createServer((_request, response) => {
      requests++
      response.writeHead(200).end('disk')
    })
    await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve))
    ok(await t.admin_call('DisableWarehouse'))
    try {
      const before = await imageCount()
      const files = (await storedFiles()).length
      for (const params of [{ file: 'off.img' }, { url: `http://127.0.0.1:${(counting.address() as AddressInfo).port}/disk.img` }, { file: '../escape' }]) {
        assert.deepEqual(await t.call('ImportImage', params), {
          ret_code: 5500,
          message: 'WarehouseNotEnabled, the image warehouse is not enabled, ImportImage needs it; an administrator turns it on with EnableWarehouse',
        })
      }
      assert.equal(requests, 0)
      assert.equal(await imageCount(), before)
      assert.equal((await storedFiles()).length, files)
    } finally {
      ok(await t.admin_call('EnableWarehouse'))
      await new Promise((resolve) => counting.close(resolve))
    }
  })

  it('never answers 5000 to odd parameters while the warehouse is on (the shared fuzz test runs with it off)', async () => {
    w.put('imports/odd.img', 'odd')
    const odd = fc.constantFrom('', '.', '..', '/', '//', '../../..', 'odd.img', './odd.img', 'odd.img/', '%00', 'a'.repeat(300), '😀', 'http://', 'http://[::1', 'https://127.0.0.1:0/', 'http://127.0.0.1:1/x', 'data:,x', '1e309', '-1')
    await fc.assert(
      fc.asyncProperty(fc.record({ url: odd, file: odd, image_name: odd, os_family: odd, size: odd, platform: odd }, { requiredKeys: [] }), async (params) => {
        const reply = await t.call('ImportImage', params)
        assert.notEqual(reply.ret_code, 5000, `${JSON.stringify(params)} → ${reply.message}`)
      }),
      { numRuns: 60, seed: 20261128 },
    )
    await t.settle()
  })

  it('when the job fails, ceases the image, and the sweep removes its file', async () => {
    w.put('imports/doomed.img', 'doomed')
    const { image_id, job_id } = ok(await t.call('ImportImage', { file: 'doomed.img' }))
    const file = `images/pek3a/${image_id}.img`
    await t.store.db.updateTable('images').set({ transition_status: 'deleting' }).where('image_id', '=', image_id).execute()
    await t.settle()
    assert.equal((await t.call('DescribeJobs', { jobs: [job_id] })).job_set[0].status, 'failed')
    assert.deepEqual([(await describeOne(image_id)).status, (await describeOne(image_id)).transition_status], ['ceased', ''])
    assert.equal(w.exists(file), true)
    await t.jobs.sweep()
    assert.equal(w.exists(file), false)
    assert.equal((await imageRow(image_id)).warehouse_file, '')
  })
})
