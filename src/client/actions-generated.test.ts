// src/client/actions.generated.ts is what scripts/client-types.ts makes of today's registry, and the
// generator turns each schema form the registry uses into the right TypeScript.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import Type from 'typebox'
import { GENERATED_FILE, type GoTypes, generateClientTypes, goFieldType, tsType } from '../../scripts/client-types.ts'
import { modules } from '../modules.ts'
import { defineAction } from '../protocol/action.ts'
import { moduleOf } from '../protocol/api-module.ts'
import { Flag, Int, Optional, Str } from '../protocol/params.ts'

describe('the SDK’s generated methods', () => {
  it('are in sync with the registry (run npm run client:types after changing an action)', () => {
    assert.equal(readFileSync(GENERATED_FILE, 'utf8'), generateClientTypes(modules), 'src/client/actions.generated.ts is out of date: run npm run client:types')
  })

  it('type strings, integers, flags, literal unions, lists, objects and optional fields', () => {
    const params = Type.Object({
      name: Str(),
      count: Optional(Int()),
      force: Optional(Flag()),
      mode: Type.Union([Type.Literal('a'), Type.Literal('b')]),
      ids: Optional(Type.Array(Str())),
      rules: Optional(Type.Array(Type.Object({ port: Int(), note: Optional(Str()) }))),
    })
    const fake = defineAction({ name: 'DoThing', zone: 'none', params, handle: async () => ({}) })
    const text = generateClientTypes([moduleOf('admin', [fake])])
    assert.match(text, /export interface DoThingParams \{\n {2}name: string\n {2}count\?: number\n {2}force\?: 0 \| 1\n {2}mode: "a" \| "b"\n {2}ids\?: string\[\]\n {2}rules\?: Array<\{\n {4}port: number\n {4}note\?: string\n {2}\}>\n\}/)
    // required parameters make the argument required; the module travels with the call
    assert.match(text, /doThing\(params: DoThingParams, options: Omit<CallOptions, 'module'> = \{\}\): Promise<Reply> \{\n {4}return this.call\("DoThing", params, \{ \.\.\.options, module: "admin" \}\)/)
    assert.equal(tsType({ type: 'boolean' }), 'boolean')
  })

  it('type replies from the Go SDK structs an /iaas/ action reaches, and fall back to Reply elsewhere', () => {
    const goTypes: GoTypes = {
      actions: { DoThing: 'DoThingOutput', Other: ['AOutput', 'BOutput'] },
      structs: {
        DoThingOutput: { action: 'string', ret_code: 'int', thing_set: '[]Thing', 'max-size': 'int' },
        Thing: { thing_id: 'string', create_time: 'time', on: 'bool', extra: 'any', tags: 'map[string]string', nested: '[][]string' },
        AOutput: { a: 'int' },
        BOutput: { b: 'string' },
        Unreached: { x: 'string' },
      },
    }
    const params = Type.Object({ name: Optional(Str()) })
    const fake = defineAction({ name: 'DoThing', zone: 'none', params, handle: async () => ({}) })
    const other = defineAction({ name: 'Other', zone: 'none', params, handle: async () => ({}) })
    const text = generateClientTypes([moduleOf('iaas', [fake, other])], goTypes)
    assert.match(text, /export type DoThingReply = DoThingOutput & ReplyBase\n/)
    assert.match(text, /export type OtherReply = \(AOutput \| BOutput\) & ReplyBase\n/)
    assert.match(text, /export interface DoThingOutput \{\n {2}action\?: string\n {2}ret_code\?: number\n {2}thing_set\?: Thing\[\]\n {2}"max-size"\?: number\n {2}\[key: string\]: unknown\n\}/)
    assert.match(text, /export interface Thing \{\n {2}thing_id\?: string\n {2}create_time\?: string\n {2}on\?: boolean\n {2}extra\?: unknown\n {2}tags\?: Record<string, string>\n {2}nested\?: string\[\]\[\]\n/)
    // only the structs an action reaches are written
    assert.doesNotMatch(text, /Unreached/)
    assert.match(
      text,
      /doThing\(params: DoThingParams = \{\}, options: Omit<CallOptions, 'module'> = \{\}\): Promise<DoThingReply> \{\n {4}return this.call\("DoThing", params, \{ \.\.\.options, module: "iaas" \}\) as Promise<DoThingReply>/,
    )
    // the table is the /iaas/ one: the same name in another module keeps the generic reply
    assert.match(generateClientTypes([moduleOf('admin', [fake])], goTypes), /Promise<Reply> \{\n {4}return this.call\("DoThing", params, \{ \.\.\.options, module: "admin" \}\)\n/)
    assert.equal(goFieldType('map[string][]Thing', goTypes.structs), 'Record<string, Thing[]>')
    assert.throws(() => goFieldType('Nope', goTypes.structs), /unknown type Nope/)
  })
})
