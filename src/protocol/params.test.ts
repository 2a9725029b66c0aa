// Decoding the wire format into parameter trees, and reading typed parameters from them.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import Type from 'typebox'
import fc from 'fast-check'
import { ApiError } from '../errors.ts'
import { buildTree, decodePairs, Flag, readPairs, Int, List, OneOf, Optional, page, Str } from './params.ts'
import { paramReader } from './validate.ts'

const failure = (fn: () => unknown): string => {
  try {
    fn()
  } catch (error) {
    assert.ok(error instanceof ApiError)
    assert.equal(error.code, 1100)
    return error.detail
  }
  assert.fail('expected an InvalidRequestFormat error')
}

describe('decodePairs', () => {
  it('form-decodes: + is a space, %XX are UTF-8 bytes, order is kept', () => {
    assert.deepEqual(decodePairs('b=x+y&a=%E6%B5%8B%2B&c='), [
      ['b', 'x y'],
      ['a', '测+'],
      ['c', ''],
    ])
  })
})

describe('readPairs', () => {
  it('decodes as decodePairs does', () => {
    for (const text of ['b=x+y&a=%E6%B5%8B%2B&c=', 'a&&b=1=2&', '?x=1', 'é=é']) assert.deepEqual(readPairs(text), decodePairs(text))
  })
  it('answers 1100 for a lone %, a short escape or escapes that are not UTF-8, naming the parameter', () => {
    assert.equal(
      failure(() => readPairs('action=%')),
      'parameter action is not valid percent-encoded UTF-8',
    )
    assert.equal(
      failure(() => readPairs('a=1&zone=%E')),
      'parameter zone is not valid percent-encoded UTF-8',
    )
    assert.equal(
      failure(() => readPairs('name=%FF%FE')),
      'parameter name is not valid percent-encoded UTF-8',
    )
    assert.equal(
      failure(() => readPairs('x=%ED%A0%80')),
      'parameter x is not valid percent-encoded UTF-8',
    ) // a lone surrogate
    assert.equal(
      failure(() => readPairs('%zz=1')),
      'parameter name [%zz] is not valid percent-encoded UTF-8',
    )
  })
})

describe('buildTree', () => {
  it('collects name.N into a list ordered by N, closing gaps', () => {
    assert.deepEqual(
      buildTree([
        ['instances.10', 'c'],
        ['instances.2', 'b'],
        ['instances.1', 'a'],
        ['zone', 'pek3a'],
      ]),
      {
        instances: ['a', 'b', 'c'],
        zone: 'pek3a',
      },
    )
  })
  it('accepts 0-based lists (seen in a Go SDK test)', () => {
    assert.deepEqual(buildTree([['instance.0', 'i-1']]), { instance: ['i-1'] })
  })
  it('collects name.N.field into a list of objects', () => {
    assert.deepEqual(
      buildTree([
        ['rules.2.protocol', 'udp'],
        ['rules.1.protocol', 'tcp'],
        ['rules.1.priority', '7'],
      ]),
      {
        rules: [{ protocol: 'tcp', priority: '7' }, { protocol: 'udp' }],
      },
    )
  })
  it('keeps dotted values that are not list items as plain names', () => {
    assert.deepEqual(buildTree([['a.b', 'x']]), { 'a.b': 'x' })
  })
  it('rejects a name given twice, and a name given both plain and as a list', () => {
    assert.equal(
      failure(() =>
        buildTree([
          ['zone', 'a'],
          ['zone', 'b'],
        ]),
      ),
      'parameter zone is given more than once',
    )
    assert.equal(
      failure(() =>
        buildTree([
          ['vxnets', 'a'],
          ['vxnets.1', 'b'],
        ]),
      ),
      'parameter vxnets is given both as a value and as a list',
    )
    assert.equal(
      failure(() =>
        buildTree([
          ['rules.1', 'a'],
          ['rules.1.protocol', 'b'],
        ]),
      ),
      'parameter rules.1.protocol mixes a value with fields',
    )
  })
  it('rejects a NUL character in a name or a value (no text column can store one)', () => {
    assert.equal(
      failure(() => buildTree([['tag_name', 'a\0b']])),
      'parameter tag_name contains a NUL character',
    )
    assert.equal(
      failure(() => buildTree([['in\0stances.1', 'i-x']])),
      'parameter in\\0stances.1 contains a NUL character',
    )
  })
  it('never loses a pair: every list item comes back in index order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(1000), { minLength: 1, maxLength: 30 }), (indexes) => {
        const tree = buildTree(indexes.map((i) => [`x.${i}`, String(i)]))
        assert.deepEqual(tree.x, [...indexes].sort((a, b) => a - b).map(String))
      }),
    )
  })
})

describe('paramReader', () => {
  const read = paramReader(
    Type.Object({
      image_id: Str(),
      count: Optional(Int({ minimum: 1, maximum: 100 })),
      force: Optional(Flag()),
      login_mode: Optional(OneOf(['passwd', 'keypair'] as const)),
      instances: Optional(List(Str())),
      description: Optional(Str({ keepEmpty: true })),
      rules: Optional(List(Type.Object({ protocol: Str(), priority: Optional(Int({ minimum: 0, maximum: 100 })) }))),
    }),
  )

  it('converts strings to the declared types', () => {
    assert.deepEqual(read({ image_id: 'img-1', count: '3', force: 'true', instances: ['i-1', ''], rules: [{ protocol: 'tcp', priority: '7' }] }), {
      image_id: 'img-1',
      count: 3,
      force: 1,
      instances: ['i-1'],
      rules: [{ protocol: 'tcp', priority: 7 }],
    })
  })
  it('reads an empty string as not given, unless the parameter keeps empties', () => {
    assert.deepEqual(read({ image_id: 'img-1', login_mode: '', description: '' }), { image_id: 'img-1', description: '' })
  })
  it('reads a list of nothing but empty values as not given (a required list is then missing, never an empty list)', () => {
    assert.deepEqual(read({ image_id: 'img-1', instances: ['', ''] }), { image_id: 'img-1' })
  })
  it('ignores parameters it does not know', () => {
    assert.deepEqual(read({ image_id: 'img-1', req_id: 'abc' }), { image_id: 'img-1', req_id: 'abc' })
  })
  it('names the first problem', () => {
    assert.equal(
      failure(() => read({})),
      'missing parameter image_id',
    )
    assert.equal(
      failure(() => read({ image_id: '' })),
      'missing parameter image_id',
    )
    assert.equal(
      failure(() => read({ image_id: 'x', count: '1.5' })),
      'parameter count should be integer',
    )
    assert.equal(
      failure(() => read({ image_id: 'x', count: '0x10' })),
      'parameter count should be integer',
    )
    assert.equal(
      failure(() => read({ image_id: 'x', count: '101' })),
      'parameter count value 101 is out of range, maximum 100',
    )
    assert.equal(
      failure(() => read({ image_id: 'x', force: '2' })),
      'parameter force value 2 is out of range, maximum 1',
    )
    assert.equal(
      failure(() => read({ image_id: 'x', login_mode: 'ssh' })),
      'unsupported parameter login_mode value ssh',
    )
    assert.equal(
      failure(() => read({ image_id: 'x', instances: 'i-1' })),
      'parameter instances should be list',
    )
    assert.equal(
      failure(() => read({ image_id: 'x', rules: [{ priority: '1' }] })),
      'missing parameter rules.1.protocol',
    )
    assert.equal(
      failure(() => read({ image_id: 'x', rules: [{ protocol: 'tcp' }, { protocol: 'tcp', priority: '200' }] })),
      'parameter rules.2.priority value 200 is out of range, maximum 100',
    )
  })
})

describe('page', () => {
  it('defaults to 20, caps at 100, and reads limit<=0 as the default (Go SDK DescribeTags sends 0)', () => {
    assert.deepEqual(page({}), { offset: 0, limit: 20 })
    assert.deepEqual(page({ limit: 0 }), { offset: 0, limit: 20 })
    assert.deepEqual(page({ limit: -5, offset: 40 }), { offset: 40, limit: 20 })
    assert.deepEqual(page({ limit: 1000 }), { offset: 0, limit: 100 })
    assert.deepEqual(page({ limit: 7 }), { offset: 0, limit: 7 })
  })
})
