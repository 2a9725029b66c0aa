// Writes test/support/go-sdk-types.json: for every action of the QingCloud Go SDK
// (github.com/yunify/qingcloud-sdk-go), its output struct, and every struct those reach, as
// field → the JSON its plain encoding/json accepts. test/wire/go-sdk-types.test.ts checks every
// reply against it, so the SDK is needed only to regenerate the table, never to run the tests:
//
//   git clone https://github.com/yunify/qingcloud-sdk-go && git -C qingcloud-sdk-go checkout <commit>
//   node --import tsx scripts/go-sdk-types.ts qingcloud-sdk-go
//
// It reads the struct definitions of service/*.go as text (one field per line, `json:"name"` tags),
// and each service method's `APIName: "…"` with the `x := &…Output{}` that follows it.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const sdk = process.argv[2]
if (!sdk) {
  console.error('usage: node --import tsx scripts/go-sdk-types.ts <qingcloud-sdk-go checkout> [--commit=<sha>]')
  process.exit(2)
}
const commitFlag = process.argv.find((a) => a.startsWith('--commit='))?.slice('--commit='.length)
const commit = commitFlag ?? execFileSync('git', ['-C', sdk, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim()

const files = readdirSync(join(sdk, 'service'))
  .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
  .sort()
const goStructs = new Map<string, Array<{ json: string; goType: string }>>()
// an action that two services call (GetMonitor) decodes into each of their outputs
const actions = new Map<string, string[]>()

for (const file of files) {
  const text = readFileSync(join(sdk, 'service', file), 'utf8')
  for (const m of text.matchAll(/^type (\w+) struct \{\n([\s\S]*?)^\}/gm)) {
    const fields: Array<{ json: string; goType: string }> = []
    for (const line of m[2]!.split('\n')) {
      const f = /^\s+\w+\s+(\S+)\s+`[^`]*\bjson:"([^",]*)/.exec(line)
      if (f && f[2] !== '-') fields.push({ json: f[2]!, goType: f[1]! })
    }
    goStructs.set(m[1]!, fields)
  }
  for (const m of text.matchAll(/APIName:\s*"(\w+)"[\s\S]*?x := &(\w+)\{\}/g)) {
    const [, api, output] = m
    const outputs = actions.get(api!) ?? []
    if (!outputs.includes(output!)) actions.set(api!, [...outputs, output!].sort())
  }
}

// Go types → the table's notation: string, int, bool, time, any, []T, map[string]T, or a struct name.
// Pointers drop out: JSON null is accepted by every Go type (nil for pointers, slices, maps; no
// change for the others), so null never fails to decode.
function typeOf(goType: string, reached: Set<string>): string {
  let t = goType.replace(/^\*/, '')
  if (t.startsWith('[]')) return `[]${typeOf(t.slice(2), reached)}`
  const map = /^map\[string\](.+)$/.exec(t)
  if (map) return `map[string]${typeOf(map[1]!, reached)}`
  t = t.replace(/^\*/, '')
  if (t === 'string') return 'string'
  if (t === 'int' || t === 'int64' || t === 'int32') return 'int'
  if (t === 'bool') return 'bool'
  if (t === 'time.Time') return 'time'
  if (t === 'interface{}') return 'any'
  if (goStructs.has(t)) {
    reached.add(t)
    return t
  }
  throw new Error(`unknown Go type ${goType}`)
}

const reached = new Set<string>([...actions.values()].flat())
const structs = new Map<string, Record<string, string>>()
for (let pending = [...reached]; pending.length; ) {
  const name = pending.pop()!
  if (structs.has(name)) continue
  const fields = goStructs.get(name)
  if (!fields) throw new Error(`struct ${name} not found`)
  const before = new Set(reached)
  structs.set(name, Object.fromEntries(fields.map((f) => [f.json, typeOf(f.goType, reached)])))
  pending.push(...[...reached].filter((s) => !before.has(s)))
}

// one line per action and per struct, so a regeneration diffs readably
const sorted = <T>(m: Map<string, T>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
const out = [
  '{',
  `  "source": ${JSON.stringify({ repository: 'https://github.com/yunify/qingcloud-sdk-go', commit, read: 'service/*.go', generator: 'scripts/go-sdk-types.ts' })},`,
  `  "notation": ${JSON.stringify('string | int (a JSON integer in int64 range, no fraction or exponent) | bool | time (*time.Time: an RFC 3339 string; "" fails) | any (interface{}) | []T | map[string]T | a struct name; null decodes into every type')},`,
  '  "actions": {',
  sorted(actions)
    .map(([api, output]) => `    ${JSON.stringify(api)}: ${JSON.stringify(output.length === 1 ? output[0] : output)}`)
    .join(',\n'),
  '  },',
  '  "structs": {',
  sorted(structs)
    .map(([name, fields]) => `    ${JSON.stringify(name)}: ${JSON.stringify(fields)}`)
    .join(',\n'),
  '  }',
  '}',
  '',
].join('\n')
const target = new URL('../test/support/go-sdk-types.json', import.meta.url)
writeFileSync(target, out)
console.log(`${actions.size} actions, ${structs.size} structs from ${commit} → test/support/go-sdk-types.json`)
