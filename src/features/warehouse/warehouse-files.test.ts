// The download's own limits, which the wire tests cannot reach with a 512 MiB limit: a body that
// grows past the limit without announcing its length, a server that stops mid-body, one that is
// too slow. Each is 1100 and leaves no file, not even a partial one.
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { ApiError } from '../../errors.ts'
import { tempWarehouse, type TempWarehouse } from '../../../test/support/fixtures-warehouse.ts'
import { downloadIntoWarehouse, prepareWarehouseDirectory, warehousePath } from './warehouse-files.ts'

let w: TempWarehouse
let server: Server
let base: string
before(async () => {
  w = tempWarehouse()
  await prepareWarehouseDirectory(w.dir)
  server = createServer((request, response) => {
    if (request.url === '/chunked') {
      // no content-length: the limit must be enforced while streaming
      response.writeHead(200)
      response.write('x'.repeat(60))
      response.end('y'.repeat(60))
    } else if (request.url === '/cut') {
      response.writeHead(200, { 'content-length': '1000' })
      response.write('z'.repeat(100), () => response.socket?.destroy())
    } else if (request.url === '/slow') {
      response.writeHead(200)
      response.write('s')
      setTimeout(() => response.end('s'), 2000).unref()
    } else {
      response.writeHead(200).end('0123456789')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
after(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  w.remove()
})

const leftovers = () => readdirSync(w.path('images'), { recursive: true }).map(String).filter((name) => name.endsWith('.img') || name.includes('.part-'))

async function refusal(path: string, limits: { maxBytes: number; timeoutMs: number }): Promise<string> {
  try {
    await downloadIntoWarehouse(w.dir, new URL(`${base}${path}`), 'images/pek3a/img-test.img', limits)
  } catch (error) {
    assert.ok(error instanceof ApiError, String(error))
    assert.equal(error.code, 1100)
    return error.message
  }
  throw new Error('the download was not refused')
}

describe('downloadIntoWarehouse', () => {
  it('stores the body and answers its size', async () => {
    assert.equal(await downloadIntoWarehouse(w.dir, new URL(`${base}/ok`), 'images/pek3a/img-ok.img', { maxBytes: 10, timeoutMs: 5000 }), 10)
    assert.equal(w.read('images/pek3a/img-ok.img').toString(), '0123456789')
  })

  it('stops a body that grows past the limit without a content-length', async () => {
    assert.equal(await refusal('/chunked', { maxBytes: 100, timeoutMs: 5000 }), `InvalidRequestFormat, parameter url [${base}/chunked] is larger than the import limit of 100 bytes`)
    assert.deepEqual(leftovers(), ['pek3a/img-ok.img'])
  })

  it('refuses a body cut off before its announced end', async () => {
    assert.match(await refusal('/cut', { maxBytes: 10_000, timeoutMs: 5000 }), /^InvalidRequestFormat, parameter url \[.*\/cut\] can not be downloaded: /)
    assert.deepEqual(leftovers(), ['pek3a/img-ok.img'])
  })

  it('gives up on a download slower than its time limit', async () => {
    assert.equal(await refusal('/slow', { maxBytes: 10_000, timeoutMs: 200 }), `InvalidRequestFormat, parameter url [${base}/slow] can not be downloaded: gave no complete answer within 0.2 seconds`)
    assert.deepEqual(leftovers(), ['pek3a/img-ok.img'])
  })
})

describe('warehousePath', () => {
  it('refuses recorded paths that leave the directory', () => {
    assert.equal(warehousePath(w.dir, 'images/pek3a/x.json'), w.path('images/pek3a/x.json'))
    for (const file of ['', '.', '../x', 'images/../../x', '/etc/passwd']) assert.throws(() => warehousePath(w.dir, file), /is not inside the warehouse directory/, file)
  })
})
