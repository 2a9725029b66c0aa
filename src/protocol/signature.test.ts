// Every signature vector, recorded from the real clients or given by the API reference, verifies.
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { appVector, recordedVectors, referenceVectors } from '../../test/support/vectors.ts'
import { decodePairs } from './params.ts'
import { canonicalQuery, percentEncode, sign, signaturesMatch, stringToSign } from './signature.ts'

describe('signature vectors recorded from the Python SDK and the CLI', () => {
  const { secret_access_key, vectors } = recordedVectors()
  for (const v of vectors) {
    it(v.name, () => {
      // decode the wire form exactly as the server does, then re-canonicalise
      const pairs = decodePairs(v.method === 'POST' ? v.body : v.query)
      const signature = pairs.find(([k]) => k === 'signature')?.[1]
      assert.equal(signature, v.signature, 'wire signature decodes to the recorded value')
      assert.deepEqual(Object.fromEntries(pairs.filter(([k]) => k !== 'signature')), v.params)
      assert.equal(stringToSign(v.method, v.path, pairs), v.string_to_sign)
      assert.equal(sign({ method: v.method, path: v.path, params: v.params, secret: secret_access_key }), v.signature)
    })
  }
})

describe('reference vectors (API reference 1.5)', () => {
  for (const v of referenceVectors) {
    it(v.name, () => {
      if (v.canonical) assert.equal(canonicalQuery(Object.entries(v.params)), v.canonical)
      assert.equal(sign({ method: v.method, path: v.path, params: v.params, secret: v.secret }), v.signature)
    })
  }
  it('TV-4 app API digest (base64url without padding)', () => {
    const digest = createHmac('sha256', appVector.secret).update(appVector.message).digest('base64url')
    assert.equal(digest, appVector.signature)
  })
})

describe('canonical encoding', () => {
  it('sorts names by code unit: instances.10 before instances.2', () => {
    assert.equal(
      canonicalQuery([
        ['instances.2', 'b'],
        ['instances.10', 'c'],
        ['instances.1', 'a'],
      ]),
      'instances.1=a&instances.10=c&instances.2=b',
    )
  })
  it('leaves only unreserved characters, upper-case hex, space as %20', () => {
    assert.equal(percentEncode("a b+c/*~!'()é"), 'a%20b%2Bc%2F%2A~%21%27%28%29%C3%A9')
  })
  it('drops signature from the signed set but keeps unknown parameters', () => {
    assert.equal(
      canonicalQuery([
        ['signature', 'x'],
        ['req_id', 'r'],
        ['action', 'A'],
      ]),
      'action=A&req_id=r',
    )
  })
  it('the unreserved-only shortcut encodes exactly as the full encoder does', () => {
    const full = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    fc.assert(fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[\w.~-]*$/), fc.string({ unit: 'grapheme' })), (s) => assert.equal(percentEncode(s), full(s))))
  })
  it('percent-encoding round-trips through form decoding for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const wellFormed = s.toWellFormed()
        const encoded = percentEncode(wellFormed)
        assert.match(encoded, /^[A-Za-z0-9\-_.~%]*$/)
        assert.equal(new URLSearchParams(`v=${encoded}`).get('v'), wellFormed)
      }),
    )
  })
})

describe('signaturesMatch', () => {
  it('accepts a space where a client left + unescaped', () => {
    assert.equal(signaturesMatch('byjccvWIvAftaq oublemagH3bYAlDWxxLFAzAsyslw=', 'byjccvWIvAftaq+oublemagH3bYAlDWxxLFAzAsyslw='), true)
  })
  it('rejects a different or truncated value', () => {
    assert.equal(signaturesMatch('byjccvWIvAftaq+oublemagH3bYAlDWxxLFAzAsyslA=', 'byjccvWIvAftaq+oublemagH3bYAlDWxxLFAzAsyslw='), false)
    assert.equal(signaturesMatch('byjcc', 'byjccvWIvAftaq+oublemagH3bYAlDWxxLFAzAsyslw='), false)
  })
})
