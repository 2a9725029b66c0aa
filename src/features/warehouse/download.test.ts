// ImportImage's download on its own: limits the wire tests cannot reach with a 512 MiB limit (a
// body growing past the limit without announcing its length, a body cut off, a server trickling
// bytes past the whole deadline, endless redirects), and the address checks on every hop. Each
// failure is a SourceFailed and leaves no file, not even a partial one.
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { createServer, type RequestListener, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { tempWarehouse, type TempWarehouse } from '../../../test/support/fixtures-warehouse.ts'
import { DownloadInterrupted, downloadTo, SourceFailed, type DownloadOptions } from './download.ts'
import { prepareWarehouseDirectory } from './warehouse-files.ts'

let w: TempWarehouse
let servers: Server[]
let port: number
/** Requests that reached /ok, the file a refused download must never fetch. */
let fetched = 0

const handler: RequestListener = (request, response) => {
  const url = request.url ?? ''
  if (url === '/chunked') {
    // no content-length: the limit must be enforced while streaming
    response.writeHead(200)
    response.write('x'.repeat(60))
    response.end('y'.repeat(60))
  } else if (url === '/cut') {
    response.writeHead(200, { 'content-length': '1000' })
    response.write('z'.repeat(100), () => response.socket?.destroy())
  } else if (url === '/trickle') {
    // a byte every 50 ms, for ever: never idle, so only a deadline on the whole transfer stops it
    response.writeHead(200)
    const timer = setInterval(() => response.write('t'), 50)
    response.on('close', () => clearInterval(timer))
  } else if (url === '/loop') {
    response.writeHead(302, { location: '/loop' }).end()
  } else if (url.startsWith('/to/')) {
    response.writeHead(302, { location: decodeURIComponent(url.slice(4)) }).end()
  } else if (url === '/missing') {
    response.writeHead(404).end('no such file, and a status the user must not learn')
  } else {
    fetched++
    response.writeHead(200).end('0123456789')
  }
}

before(async () => {
  w = tempWarehouse()
  await prepareWarehouseDirectory(w.dir)
  // the same files on 127.0.0.1 and 127.0.0.2: tests stand 127.0.0.2 in for a public address
  const first = createServer(handler)
  await new Promise<void>((resolve) => first.listen(0, '127.0.0.1', resolve))
  port = (first.address() as AddressInfo).port
  const second = createServer(handler)
  await new Promise<void>((resolve) => second.listen(port, '127.0.0.2', resolve))
  servers = [first, second]
})
after(async () => {
  for (const server of servers) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
  w.remove()
})

const leftovers = () =>
  readdirSync(w.path('images'), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.img') || name.includes('.part-'))
const PRIVATE_OK: DownloadOptions = { maxBytes: 10_000, timeoutMs: 5000, allowPrivate: true }
/** Private sources off, 127.0.0.2 standing for a public address. */
const ONLY_PUBLIC: DownloadOptions = { maxBytes: 10_000, timeoutMs: 5000, allowPrivate: false, isAllowed: (address) => address === '127.0.0.2' }

async function failure(url: string, options: DownloadOptions): Promise<string> {
  try {
    await downloadTo(new URL(url), w.path('images/pek3a/img-test.img'), options)
  } catch (error) {
    assert.ok(error instanceof SourceFailed, String(error))
    return error.reason
  }
  throw new Error('the download did not fail')
}

describe('downloadTo', () => {
  it('stores the body and answers its size', async () => {
    assert.equal(await downloadTo(new URL(`http://127.0.0.1:${port}/ok`), w.path('images/pek3a/img-ok.img'), PRIVATE_OK), 10)
    assert.equal(w.read('images/pek3a/img-ok.img').toString(), '0123456789')
  })

  it('stops a body that grows past the limit without a content-length', async () => {
    assert.equal(await failure(`http://127.0.0.1:${port}/chunked`, { ...PRIVATE_OK, maxBytes: 100 }), 'more bytes than the limit')
    assert.deepEqual(leftovers(), ['pek3a/img-ok.img'])
  })

  it('refuses a body cut off before its announced end, and a status that is not 2xx', async () => {
    assert.ok(await failure(`http://127.0.0.1:${port}/cut`, PRIVATE_OK))
    assert.equal(await failure(`http://127.0.0.1:${port}/missing`, PRIVATE_OK), 'answered HTTP 404')
    assert.deepEqual(leftovers(), ['pek3a/img-ok.img'])
  })

  it('cuts off a server that keeps trickling bytes at the deadline of the whole transfer', async () => {
    const started = Date.now()
    assert.equal(await failure(`http://127.0.0.1:${port}/trickle`, { ...PRIVATE_OK, timeoutMs: 400 }), 'no complete answer within 400 ms')
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`)
    assert.deepEqual(leftovers(), ['pek3a/img-ok.img'])
  })

  it('gives up after 5 redirects', async () => {
    assert.equal(await failure(`http://127.0.0.1:${port}/loop`, PRIVATE_OK), 'more than 5 redirects')
  })

  it('is interrupted, not failed, when its signal aborts (the server stopping)', async () => {
    const stop = new AbortController()
    setTimeout(() => stop.abort(), 100)
    await assert.rejects(downloadTo(new URL(`http://127.0.0.1:${port}/trickle`), w.path('images/pek3a/img-stop.img'), { ...PRIVATE_OK, signal: stop.signal }), DownloadInterrupted)
    assert.deepEqual(leftovers(), ['pek3a/img-ok.img'])
  })
})

describe('downloadTo with private sources off', () => {
  it('refuses loopback by address, by a name resolving to it (localhost), and in IPv6 forms, before connecting', async () => {
    const before = fetched
    for (const url of [`http://127.0.0.1:${port}/ok`, `http://localhost:${port}/ok`, `http://[::1]:${port}/ok`, `http://[::ffff:127.0.0.1]:${port}/ok`, `http://2130706433:${port}/ok`]) {
      assert.match(await failure(url, { ...PRIVATE_OK, allowPrivate: false }), /not allowed/, url)
    }
    assert.equal(fetched, before)
  })

  it('checks every redirect: a hop to loopback (by address or by name) is refused, a hop to an allowed address is followed', async () => {
    const before = fetched
    for (const target of [`http://127.0.0.1:${port}/ok`, `http://localhost:${port}/ok`, `http://[::1]:${port}/ok`]) {
      assert.match(await failure(`http://127.0.0.2:${port}/to/${encodeURIComponent(target)}`, ONLY_PUBLIC), /not allowed/, target)
    }
    assert.equal(fetched, before)
    const size = await downloadTo(new URL(`http://127.0.0.2:${port}/to/${encodeURIComponent(`http://127.0.0.2:${port}/ok`)}`), w.path('images/pek3a/img-hop.img'), ONLY_PUBLIC)
    assert.equal(size, 10)
    assert.equal(fetched, before + 1)
  })

  it('refuses a redirect to anything but http or https', async () => {
    assert.equal(await failure(`http://127.0.0.2:${port}/to/${encodeURIComponent('file:///etc/passwd')}`, ONLY_PUBLIC), 'redirected to file:')
  })
})
