// The baseline: a bare node:http server that does only what every signed API request must do at
// minimum — parse the query, canonicalize it, HMAC-SHA256 it with the secret, compare in constant
// time — and replies a small JSON. No framework, no store, no logging. QingLocal is measured as a
// ratio to this, in the same run, on the same machine.
//
// Started by bench/run.mjs as a child process:
//   BENCH_ACCESS_KEY_ID=… BENCH_SECRET_ACCESS_KEY=… node bench/baseline-server.mjs
// It listens on 127.0.0.1 (BENCH_PORT, default: any free port) and prints `listening <port>`.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'

const accessKeyId = process.env.BENCH_ACCESS_KEY_ID
const secret = process.env.BENCH_SECRET_ACCESS_KEY
if (!accessKeyId || !secret) {
  console.error('baseline-server: BENCH_ACCESS_KEY_ID and BENCH_SECRET_ACCESS_KEY are required')
  process.exit(2)
}

// Same canonical form as src/protocol/signature.ts: RFC 3986 percent-encoding of decoded pairs,
// every pair but `signature`, sorted by name in code-unit order.
const percentEncode = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())

const OK = JSON.stringify({ action: 'DescribeZonesResponse', total_count: 0, zone_set: [], ret_code: 0 })
const AUTH_FAILURE = JSON.stringify({ ret_code: 1200, message: 'signature not matched' })

function verify(method, path, query) {
  const pairs = [...new URLSearchParams(query)]
  let signature
  let key
  const signed = []
  for (const pair of pairs) {
    if (pair[0] === 'signature') signature = pair[1]
    else {
      if (pair[0] === 'access_key_id') key = pair[1]
      signed.push(pair)
    }
  }
  if (signature === undefined || key !== accessKeyId) return false
  signed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const canonical = signed.map(([n, v]) => `${percentEncode(n)}=${percentEncode(v)}`).join('&')
  const expected = Buffer.from(createHmac('sha256', secret).update(`${method}\n${path}\n${canonical}`, 'utf8').digest('base64'), 'utf8')
  const received = Buffer.from(signature.replace(/ /g, '+'), 'utf8')
  if (received.length !== expected.length) {
    timingSafeEqual(expected, expected)
    return false
  }
  return timingSafeEqual(received, expected)
}

const server = createServer((request, response) => {
  const url = request.url ?? '/'
  const at = url.indexOf('?')
  const path = at < 0 ? url : url.slice(0, at)
  const query = at < 0 ? '' : url.slice(at + 1)
  const body = path === '/readyz' ? '{"status":"ready"}' : verify(request.method ?? 'GET', path, query) ? OK : AUTH_FAILURE
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
  response.end(body)
})

server.listen(Number(process.env.BENCH_PORT ?? 0), '127.0.0.1', () => {
  const address = server.address()
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : '?'}\n`)
})

const stop = () => server.close(() => process.exit(0))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
