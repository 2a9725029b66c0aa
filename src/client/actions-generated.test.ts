// src/client/actions.generated.ts is what scripts/client-types.ts makes of today's registry, and the
// generator turns each schema form the registry uses into the right TypeScript, and each reply into
// its Go SDK struct or the type its handler returns. The fake actions' handlers are source text the
// compiler reads (FAKE_SOURCE, in memory beside this file); their registry entries below only lend
// the names and params.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import Type from 'typebox'
import { actionsProgram, MODULES_FILE } from '../../scripts/client-reply-types.ts'
import { GENERATED_FILE, type GoTypes, generateClientTypes, goFieldType, loadGoTypes, tsType } from '../../scripts/client-types.ts'
import { modules } from '../modules.ts'
import { defineAction } from '../protocol/action.ts'
import { moduleOf } from '../protocol/api-module.ts'
import { Flag, Int, Optional, Str } from '../protocol/params.ts'

const FAKE_FILE = new URL('./fake-actions.ts', import.meta.url).pathname
const FAKE_SOURCE = `
import Type from 'typebox'
import { defineAction } from '../protocol/action.ts'

interface Item { item_id: string; size?: number; note: string | undefined; owner: string | null }
type Mode = 'fast' | 'slow'
const params = Type.Object({})

async function loose(): Promise<Record<string, unknown>> {
  return {}
}

export const fakes = [
  defineAction({ name: 'DoThing', zone: 'none', params, handle: async () => ({ done: true }) }),
  defineAction({ name: 'Other', zone: 'none', params, handle: async () => ({ other: 1 }) }),
  defineAction({
    name: 'InferThing',
    zone: 'none',
    params,
    async handle(_params, ctx) {
      const items: Item[] = []
      return { thing_id: ctx.zone, mode: 'fast' as Mode, on: ctx.zone === '', items, counts: { a: 1 } as Record<string, number>, pair: [1, 'x'] as [number, string], 'odd-name': 0 }
    },
  }),
  defineAction({
    name: 'DescribeEither',
    zone: 'none',
    params,
    async query(_params, ctx) {
      return ctx.zone ? { kind: 'b' as const, b: 'x' } : { kind: 'a' as const, a: 1 }
    },
  }),
  defineAction({ name: 'EmptyThing', zone: 'none', params, handle: async () => ({}) }),
  defineAction({ name: 'LooseThing', zone: 'none', params, handle: loose }),
  defineAction({ name: 'DatedThing', zone: 'none', params, handle: async () => ({ at: { when: new Date() } }) }),
  defineAction({ name: 'CountThing', zone: 'none', params, handle: async () => ({ big: [1n] }) }),
]
`
// one program for the registry's sources and the fakes: building it is most of the cost
const program = actionsProgram([MODULES_FILE, FAKE_FILE], new Map([[FAKE_FILE, FAKE_SOURCE]]))

/** A registry entry for a fake: its name and params; the reply comes from FAKE_SOURCE. */
const fake = (name: string, params = Type.Object({})) => defineAction({ name, zone: 'none', params, handle: async () => ({}) })

describe('the SDK’s generated methods', () => {
  it('are in sync with the registry (run npm run client:types after changing an action)', () => {
    assert.equal(readFileSync(GENERATED_FILE, 'utf8'), generateClientTypes(modules, loadGoTypes(), program), 'src/client/actions.generated.ts is out of date: run npm run client:types')
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
    const text = generateClientTypes([moduleOf('admin', [fake('DoThing', params)])], loadGoTypes(), program)
    assert.match(text, /export interface DoThingParams \{\n {2}name: string\n {2}count\?: number\n {2}force\?: 0 \| 1\n {2}mode: "a" \| "b"\n {2}ids\?: string\[\]\n {2}rules\?: Array<\{\n {4}port: number\n {4}note\?: string\n {2}\}>\n\}/)
    // required parameters make the argument required; the module travels with the call
    assert.match(text, /doThing\(params: DoThingParams, options: Omit<CallOptions, 'module'> = \{\}\): Promise<DoThingReply> \{\n {4}return this.call<DoThingReply>\("DoThing", params, \{ \.\.\.options, module: "admin" \}\)/)
    assert.equal(tsType({ type: 'boolean' }), 'boolean')
  })

  it('type replies from the Go SDK structs an /iaas/ action reaches', () => {
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
    const text = generateClientTypes([moduleOf('iaas', [fake('DoThing', params), fake('Other', params)])], goTypes, program)
    assert.match(text, /export type DoThingReply = DoThingOutput & ReplyBase\n/)
    assert.match(text, /export type OtherReply = \(AOutput \| BOutput\) & ReplyBase\n/)
    assert.match(text, /export interface DoThingOutput \{\n {2}action\?: string\n {2}ret_code\?: number\n {2}thing_set\?: Thing\[\]\n {2}"max-size"\?: number\n {2}\[key: string\]: unknown\n\}/)
    assert.match(text, /export interface Thing \{\n {2}thing_id\?: string\n {2}create_time\?: string\n {2}on\?: boolean\n {2}extra\?: unknown\n {2}tags\?: Record<string, string>\n {2}nested\?: string\[\]\[\]\n/)
    // only the structs an action reaches are written
    assert.doesNotMatch(text, /Unreached/)
    assert.match(text, /doThing\(params: DoThingParams = \{\}, options: Omit<CallOptions, 'module'> = \{\}\): Promise<DoThingReply> \{\n {4}return this.call<DoThingReply>\("DoThing", params, \{ \.\.\.options, module: "iaas" \}\)\n/)
    // the table is the /iaas/ one: the same name in another module is typed from its handler
    assert.match(generateClientTypes([moduleOf('admin', [fake('DoThing', params)])], goTypes, program), /export type DoThingReply = \{\n {2}done: boolean\n\} & ReplyBase\n/)
    assert.equal(goFieldType('map[string][]Thing', goTypes.structs), 'Record<string, Thing[]>')
    assert.throws(() => goFieldType('Nope', goTypes.structs), /unknown type Nope/)
  })

  it('type every other reply as its handler or query returns it, expanded and self-contained', () => {
    const registry = [
      moduleOf(
        'admin',
        ['InferThing', 'DescribeEither', 'EmptyThing', 'LooseThing'].map((name) => fake(name)),
      ),
    ]
    const text = generateClientTypes(registry, loadGoTypes(), program)
    // the named interface and alias expanded; undefined fields optional, null kept; literal unions, tuples and maps as they are
    assert.match(
      text,
      /\/\*\* Reply of InferThing: what its handle returns \(src\/client\/fake-actions\.ts\)\. \*\/\nexport type InferThingReply = \{\n {2}thing_id: string\n {2}mode: "fast" \| "slow"\n {2}on: boolean\n {2}items: Array<\{\n {4}item_id: string\n {4}size\?: number\n {4}note\?: string\n {4}owner: string \| null\n {2}\}>\n {2}counts: Record<string, number>\n {2}pair: \[number, string\]\n {2}"odd-name": number\n\} & ReplyBase\n/,
    )
    // a union of replies intersects as a whole; a field only one branch has is not in the other
    assert.match(text, /export type DescribeEitherReply = \(\{\n {2}kind: "a"\n {2}a: number\n\} \| \{\n {2}kind: "b"\n {2}b: string\n\}\) & ReplyBase\n/)
    assert.match(text, /export type EmptyThingReply = ReplyBase\n/)
    assert.match(text, /describeEither\(params: DescribeEitherParams = \{\}, options: Omit<CallOptions, 'module'> = \{\}\): Promise<DescribeEitherReply> \{\n {4}return this.call<DescribeEitherReply>\("DescribeEither"/)
    // a handler that says no more than Record<string, unknown> keeps the generic Reply, and says so
    assert.match(text, /\/\/ LooseThing: its handle \(src\/client\/fake-actions\.ts\) returns only Record<string, unknown>: the generic Reply\n/)
    assert.match(text, /looseThing\(params: LooseThingParams = \{\}, options: Omit<CallOptions, 'module'> = \{\}\): Promise<Reply> \{\n {4}return this.call\("LooseThing"/)
    assert.doesNotMatch(text, /LooseThingReply/)
  })

  it('refuse a reply JSON would not carry as it is, naming the action and the field', () => {
    assert.deepEqual(program.getSemanticDiagnostics(program.getSourceFile(FAKE_FILE)), [], 'the fake actions compile')
    assert.throws(() => generateClientTypes([moduleOf('admin', [fake('DatedThing')])], loadGoTypes(), program), /DatedThing: at\.when is a Date/)
    assert.throws(() => generateClientTypes([moduleOf('admin', [fake('CountThing')])], loadGoTypes(), program), /CountThing: big\[0\] is a bigint/)
    // an action the sources do not define by name cannot be typed
    assert.throws(() => generateClientTypes([moduleOf('admin', [fake('NowhereThing')])], loadGoTypes(), program), /no defineAction\(\{ name: 'NowhereThing'/)
  })
})
