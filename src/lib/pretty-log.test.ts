// Log format selection (auto: pretty on a terminal, JSON otherwise; explicit settings win), what a
// pretty line holds, colours only on a terminal without NO_COLOR, and redaction in pretty lines.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loadConfig } from '../config.ts'
import { createProcessLogger } from '../main.ts'
import { formatLogLine, resolveLogFormat } from './pretty-log.ts'

/** A stdout stand-in that keeps what is written. */
function sink(isTTY: boolean) {
  const lines: string[] = []
  return { isTTY, lines, write: (text: string) => lines.push(text) }
}

const ESC = '\u001b['

describe('log format', () => {
  it('auto picks pretty on a terminal and JSON elsewhere; json and pretty are taken as asked', () => {
    assert.equal(resolveLogFormat('auto', true), 'pretty')
    assert.equal(resolveLogFormat('auto', false), 'json')
    assert.equal(resolveLogFormat('json', true), 'json')
    assert.equal(resolveLogFormat('pretty', false), 'pretty')
  })

  it('is read from QINGLOCAL_LOG_FORMAT (default auto), NO_COLOR from the environment, and a bad value is named', () => {
    assert.equal(loadConfig({ env: {} }).logFormat, 'auto')
    assert.equal(loadConfig({ env: {} }).noColor, false)
    assert.equal(loadConfig({ env: { QINGLOCAL_LOG_FORMAT: 'json' } }).logFormat, 'json')
    assert.equal(loadConfig({ env: { NO_COLOR: '1' } }).noColor, true)
    assert.equal(loadConfig({ env: { NO_COLOR: '' } }).noColor, false)
    assert.throws(() => loadConfig({ env: { QINGLOCAL_LOG_FORMAT: 'fancy' } }), /logFormat \(QINGLOCAL_LOG_FORMAT\) must be one of auto, json, pretty, got "fancy"/)
  })

  it('writes JSON to a non-terminal and pretty, coloured lines to a terminal', () => {
    const pipe = sink(false)
    createProcessLogger({ logLevel: 'info', logFormat: 'auto', noColor: false }, pipe).info({ zone: 'pek3a' }, 'hello')
    const record = JSON.parse(pipe.lines.join(''))
    assert.equal(record.msg, 'hello')
    assert.equal(record.zone, 'pek3a')

    const tty = sink(true)
    createProcessLogger({ logLevel: 'info', logFormat: 'auto', noColor: false }, tty).warn({ zone: 'pek3a' }, 'hello')
    assert.equal(tty.lines.length, 1)
    assert.ok(tty.lines[0]!.includes(`${ESC}33mWARN `), tty.lines[0])
    assert.throws(() => JSON.parse(tty.lines[0]!))
  })

  it('leaves colours out with NO_COLOR, and when pretty is asked for off a terminal', () => {
    const noColour = sink(true)
    createProcessLogger({ logLevel: 'info', logFormat: 'auto', noColor: true }, noColour).error('down')
    assert.match(noColour.lines[0]!, /^\d\d:\d\d:\d\d\.\d{3} ERROR down\n$/)
    const piped = sink(false)
    createProcessLogger({ logLevel: 'info', logFormat: 'pretty', noColor: false }, piped).info('up')
    assert.match(piped.lines[0]!, /^\d\d:\d\d:\d\d\.\d{3} INFO {2}up\n$/)
    const forcedJson = sink(true)
    createProcessLogger({ logLevel: 'info', logFormat: 'json', noColor: false }, forcedJson).info('up')
    assert.equal(JSON.parse(forcedJson.lines[0]!).msg, 'up')
  })

  it('redacts secrets in pretty lines too', () => {
    const tty = sink(true)
    createProcessLogger({ logLevel: 'info', logFormat: 'pretty', noColor: true }, tty).info({ user: { secret_access_key: 'S3CRET', name: 'u' }, password: 'pw' }, 'login')
    const line = tty.lines.join('')
    assert.ok(!line.includes('S3CRET') && !line.includes('pw"'), line)
    assert.ok(line.includes('[redacted]'), line)
  })
})

describe('formatLogLine', () => {
  it('shows time, level, message and the other fields compactly, without pid and hostname', () => {
    const time = new Date(2024, 0, 2, 3, 4, 5, 6).getTime()
    const line = formatLogLine(JSON.stringify({ level: 30, time, pid: 1, hostname: 'h', msg: 'qinglocal is serving', url: 'http://x/iaas/', zones: ['a', 'b'], note: 'two words' }), false)
    assert.equal(line, '03:04:05.006 INFO  qinglocal is serving url=http://x/iaas/ zones=["a","b"] note="two words"\n')
  })

  it("puts an error's stack on its own indented lines, and passes a non-JSON line through", () => {
    const line = formatLogLine(JSON.stringify({ level: 50, time: 0, msg: 'failed', err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at f' } }), false)
    assert.match(line, / ERROR failed err=\{"type":"Error","message":"boom"\}\n {4}Error: boom\n {8}at f\n$/)
    assert.equal(formatLogLine('not json', true), 'not json\n')
  })
})
