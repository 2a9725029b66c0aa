// docs/coverage.md is what the registry and the documented list say, and the page misses nothing.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import Type from 'typebox'
import { parseDocumentedActions, readDocumentedActions, renderCoverageDoc } from './coverage-doc.ts'
import { modules } from './modules.ts'
import type { ApiModule } from './protocol/api-module.ts'
import { defineAction } from './protocol/action.ts'

const TSV = readFileSync(new URL('../test/fixtures/qingcloud-actions.tsv', import.meta.url), 'utf8')

describe('docs/coverage.md', () => {
  it('is what the registry renders (run npm run docs:coverage after adding or removing an action)', () => {
    assert.equal(readFileSync(new URL('../docs/coverage.md', import.meta.url), 'utf8'), renderCoverageDoc(), 'docs/coverage.md is out of date: run npm run docs:coverage')
  })

  it('reads all 372 documented actions, each once', () => {
    const documented = readDocumentedActions()
    assert.equal(documented.length, 372)
    assert.equal(new Set(documented.map((d) => d.action)).size, 372)
    assert.ok(documented.every((d) => /^[a-z0-9_]+$/.test(d.group) && /^[A-Z][A-Za-z0-9]+$/.test(d.action)))
  })

  it('still implements every action the list marks as implemented at f09d1a4', () => {
    const [header, ...rows] = TSV.split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split('\t'))
    const at = header!.indexOf('implemented_at_f09d1a4')
    const iaas = modules.find((m) => m.name === 'iaas')!.actions
    const lost = rows.filter((r) => r[at] === 'yes' && !iaas.has(r[1]!)).map((r) => r[1])
    assert.deepEqual(lost, [])
  })

  it('lists every registered action: documented ones as implemented, the others as QingLocal-only', () => {
    const doc = renderCoverageDoc()
    for (const m of modules) {
      for (const name of m.actions.keys()) assert.ok(doc.includes(`| \`${name}\` | yes |`) || doc.includes(`| \`/${m.name}/\` | \`${name}\` |`), `${m.name} ${name} is not on the page`)
    }
  })

  it('counts per group and overall, and puts an undocumented /iaas/ action under QingLocal-only', () => {
    const documented = parseDocumentedActions('# a comment\ngroup\taction\textra\ng1\tDescribeThings\tx\ng1\tDeleteThings\tx\ng2\tGetOther\tx\n')
    const action = (name: string) => defineAction({ name, params: Type.Object({}), handle: async () => ({}) })
    const registry: ApiModule[] = [
      {
        name: 'iaas',
        auth: 'signature',
        actions: new Map([
          ['DescribeThings', action('DescribeThings')],
          ['OwnThing', action('OwnThing')],
        ]),
      },
      { name: 'admin', auth: 'admin', actions: new Map([['GetOther', action('GetOther')]]) },
    ]
    const doc = renderCoverageDoc(registry, documented)
    assert.match(doc, /\*\*1 of 3 documented actions implemented \(33%\)\.\*\*/)
    assert.match(doc, /\| \[g1\]\(#g1\) \| 1 \| 2 \| 50% \|/)
    assert.match(doc, /\| \[g2\]\(#g2\) \| 0 \| 1 \| 0% \|/)
    assert.match(doc, /\| `DeleteThings` \| no \|/)
    // a documented name answered only outside /iaas/ is not QingCloud's action: not implemented, listed as QingLocal's own
    assert.match(doc, /\| `GetOther` \| no \|/)
    assert.match(doc, /\| `\/admin\/` \| `GetOther` \| admin \|/)
    assert.match(doc, /\| `\/iaas\/` \| `OwnThing` \| signature \|/)
  })
})
