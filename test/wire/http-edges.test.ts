// What reaches the server outside a well-formed request (issue 14, item 7), on a real socket: long
// GETs, undecodable paths and parameters, bodies shorter than their Content-Length, CONNECT, huge
// headers and bytes that are not HTTP. Every one gets `HTTP/1.1 200` with a JSON body carrying a
// ret_code: a non-200 makes the Python SDK resend and the Go SDK fail to parse. Runs on TEST_DATABASE.
import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { Writable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import pino from 'pino'
import { signedRequest } from '../../src/cli/client.ts'
import { recordCode } from '../support/codes.ts'
import { startTestApp, type TestApp } from '../support/harness.ts'

let t: TestApp
let port: number
/** What the server logged, to show that no malformed request counts as an unexpected error. */
const logged: Array<{ level: number; msg: string }> = []
before(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line))
      done()
    },
  })
  // a short receive deadline, so a body that never arrives is answered within the test
  t = await startTestApp({ config: { requestTimeoutMs: 1500 }, logger: pino({ level: 'info' }, sink) })
  await t.app.listen({ host: '127.0.0.1', port: 0 })
  port = (t.app.server.address() as { port: number }).port
})
after(() => t.close())

interface RawReply {
  head: string
  body: Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Writes `bytes` on a fresh connection and reads the one reply. `halfClose` ends the client's side
 * after writing (Node aborts a complete request whose client does that before the answer).
 */
function raw(bytes: string, options: { halfClose?: boolean } = {}): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`no complete reply within 10 s, got: ${Buffer.concat(chunks).toString().slice(0, 300)}`))
    }, 10_000)
    const finish = () => {
      const text = Buffer.concat(chunks).toString()
      const at = text.indexOf('\r\n\r\n')
      if (at < 0) return false
      const head = text.slice(0, at)
      const length = Number(/^content-length:\s*(\d+)/im.exec(head)?.[1] ?? -1)
      const body = Buffer.concat(chunks).subarray(Buffer.byteLength(text.slice(0, at + 4)))
      if (body.length < length) return false
      clearTimeout(timer)
      socket.destroy()
      try {
        const parsed = JSON.parse(body.subarray(0, length).toString())
        recordCode(parsed.ret_code)
        resolve({ head, body: parsed })
      } catch {
        reject(new Error(`the reply body is not JSON: ${text.slice(0, 300)}`))
      }
      return true
    }
    socket.on('data', (chunk) => {
      chunks.push(chunk)
      finish()
    })
    socket.on('close', () => {
      if (!finish()) {
        clearTimeout(timer)
        reject(new Error(`the connection closed without a complete reply: ${JSON.stringify(Buffer.concat(chunks).toString().slice(0, 300))}`))
      }
    })
    socket.on('error', () => {})
    socket.write(bytes)
    if (options.halfClose) socket.end()
  })
}

const get = (target: string, headers = '') => `GET ${target} HTTP/1.1\r\nHost: localhost\r\n${headers}Connection: close\r\n\r\n`

/** A reply must be HTTP 200 JSON with a numeric ret_code. */
function assert200(reply: RawReply): void {
  assert.match(reply.head, /^HTTP\/1\.1 200 /)
  assert.match(reply.head, /^content-type: application\/json/im)
  assert.equal(typeof reply.body.ret_code, 'number')
}

/** The request line of a GET and the body of a POST for the same signed call. */
function signed(action: string, params: Record<string, unknown>, method: 'GET' | 'POST') {
  const key = { accessKeyId: t.user.access_key_id, secretAccessKey: t.user.secret_access_key }
  return signedRequest({ baseUrl: '', ...key, method, now: () => t.clock.now() }, action, { zone: 'pek3a', ...params })
}

function sendSigned(action: string, params: Record<string, unknown>, method: 'GET' | 'POST'): Promise<RawReply> {
  const request = signed(action, params, method)
  if (method === 'GET') return raw(get(request.url))
  const body = request.body!
  return raw(`POST ${request.url} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
}

describe('long requests are served like short ones', () => {
  const long = 'é'.repeat(5000) // 30 KB once percent-encoded, past Node's default 16 KB of headers

  it('a signed GET DescribeInstances with 5,000 é in search_word gets the same answer as the POST (1100 naming search_word)', async () => {
    const byGet = await sendSigned('DescribeInstances', { search_word: long }, 'GET')
    const byPost = await sendSigned('DescribeInstances', { search_word: long }, 'POST')
    assert200(byGet)
    assert.deepEqual(byGet.body, byPost.body)
    assert.deepEqual(byGet.body, { ret_code: 1100, message: 'InvalidRequestFormat, parameter search_word has an invalid length' })
  })

  it('a signed GET DescribeInstances over 16 KB (1,000 instances.N) is processed (ret_code 0)', async () => {
    const instances = Array.from({ length: 1000 }, (_, i) => `i-${String(i).padStart(8, '0')}`)
    const request = signed('DescribeInstances', { instances }, 'GET')
    assert.ok(request.url.length > 16 * 1024, String(request.url.length))
    const reply = await raw(get(request.url))
    assert200(reply)
    assert.equal(reply.body.ret_code, 0, JSON.stringify(reply.body))
    assert.equal(reply.body.action, 'DescribeInstancesResponse')
  })

  it('a signed GET RunInstances with 5,000 é in instance_name gets the same answer as the POST (1100 naming instance_name)', async () => {
    const params = { image_id: 'centos79x64', instance_type: 'c1m1', login_mode: 'passwd', login_passwd: 'Passw0rd123', instance_name: long }
    const byGet = await sendSigned('RunInstances', params, 'GET')
    const byPost = await sendSigned('RunInstances', params, 'POST')
    assert200(byGet)
    assert.deepEqual(byGet.body, byPost.body)
    assert.equal(byGet.body.ret_code, 1100)
    assert.match(byGet.body.message, /instance_name/)
  })

  it('a header over 16 KB is accepted', async () => {
    const reply = await raw(get('/iaas/?action=DescribeZones', `X-Padding: ${'a'.repeat(20_000)}\r\n`))
    assert200(reply)
    assert.equal(reply.body.ret_code, 1100)
    assert.match(reply.body.message, /missing parameter access_key_id/)
  })

  it('headers beyond the body limit are answered 1100 naming the limit', async () => {
    const reply = await raw(get('/iaas/?action=DescribeZones', `X-Padding: ${'a'.repeat(1024 * 1024 + 10)}\r\n`))
    assert200(reply)
    assert.deepEqual(reply.body, { ret_code: 1100, message: 'InvalidRequestFormat, request line and headers are larger than 1048576 bytes' })
  })
})

describe('malformed requests get 1100', () => {
  for (const path of ['/%FF/', '/iaas/%', '/iaas/%E9']) {
    it(`the undecodable path ${path}`, async () => {
      const reply = await raw(get(`${path}?action=DescribeZones`))
      assert200(reply)
      assert.deepEqual(reply.body, { ret_code: 1100, message: `InvalidRequestFormat, path [${path}] is not valid percent-encoded UTF-8` })
    })
  }

  it('a % alone in the query', async () => {
    const reply = await raw(get('/iaas/?action=DescribeZones&zone=%'))
    assert200(reply)
    assert.deepEqual(reply.body, { ret_code: 1100, message: 'InvalidRequestFormat, parameter zone is not valid percent-encoded UTF-8' })
  })

  for (const value of ['%FF', '%C3', '%ED%A0%80', '%E9t%E9']) {
    it(`the value ${value}, which is not UTF-8`, async () => {
      const reply = await raw(get(`/iaas/?action=DescribeZones&search_word=${value}`))
      assert200(reply)
      assert.deepEqual(reply.body, { ret_code: 1100, message: 'InvalidRequestFormat, parameter search_word is not valid percent-encoded UTF-8' })
    })
  }

  it('the same in a form body', async () => {
    const body = 'action=DescribeZones&search_word=%FF'
    const reply = await raw(`POST /iaas/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body}`)
    assert200(reply)
    assert.equal(reply.body.ret_code, 1100)
    assert.match(reply.body.message, /parameter search_word is not valid percent-encoded UTF-8/)
  })

  const short = 'POST /iaas/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\naction=DescribeZones'

  it('a body shorter than its Content-Length, the client then ending its side', async () => {
    const reply = await raw(short, { halfClose: true })
    assert200(reply)
    assert.equal(reply.body.ret_code, 1100)
    assert.match(reply.body.message, /^InvalidRequestFormat, the connection ended before the request was complete/)
    // the request fastify had begun reading is aborted: a client's doing, not an unexpected error
    await new Promise((resolve) => setTimeout(resolve, 200))
    assert.deepEqual(
      logged.filter((line) => line.level >= 50),
      [],
    )
  })

  it('a body shorter than its Content-Length on a connection kept open, at the receive deadline', async () => {
    const reply = await raw(short)
    assert200(reply)
    assert.deepEqual(reply.body, { ret_code: 1100, message: 'InvalidRequestFormat, the request was not received in full within 1500 ms' })
  })

  it('bytes that are not HTTP', async () => {
    const reply = await raw('\x00\x01hello\r\n\r\n')
    assert200(reply)
    assert.equal(reply.body.ret_code, 1100)
    assert.match(reply.body.message, /^InvalidRequestFormat, malformed HTTP request: /)
  })

  it('an Expect header other than 100-continue (Node answers 417)', async () => {
    const reply = await raw('POST /iaas/ HTTP/1.1\r\nHost: localhost\r\nExpect: x-later\r\nContent-Length: 3\r\nConnection: close\r\n\r\na=1')
    assert200(reply)
    assert.deepEqual(reply.body, { ret_code: 1100, message: 'InvalidRequestFormat, Expect header [x-later] is not supported' })
  })

  it('an HTTP/1.1 request without a Host header is served (Node answers 400)', async () => {
    const reply = await raw('GET /iaas/?action=DescribeZones HTTP/1.1\r\nConnection: close\r\n\r\n')
    assert200(reply)
    assert.match(reply.body.message, /missing parameter access_key_id/)
  })
})

describe('methods other than GET and POST get 1101', () => {
  for (const method of ['CONNECT', 'TRACE', 'PATCH']) {
    it(method, async () => {
      const target = method === 'CONNECT' ? 'example.com:443' : '/iaas/'
      const reply = await raw(`${method} ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`)
      assert200(reply)
      assert.deepEqual(reply.body, { ret_code: 1101, message: `InvalidRequestMethod, HTTP method ${method} is not supported, use GET or POST` })
    })
  }
})

describe('logs', () => {
  it('no request above was logged as an unexpected error', () => {
    assert.deepEqual(
      logged.filter((line) => line.level >= 50),
      [],
    )
    assert.ok(logged.some((line) => line.msg === 'request' && (line as { reason?: string }).reason === 'HPE_INVALID_EOF_STATE'))
  })
})
