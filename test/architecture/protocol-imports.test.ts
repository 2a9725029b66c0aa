// protocol/ is the QingCloud wire format and knows no feature (issue 15 item 5): nothing under
// src/protocol imports src/features/** or src/modules.ts (the list of every feature's actions). The
// composition root (app.ts, main.ts) hands the modules to the endpoint instead.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, it } from 'node:test'
import ts from 'typescript'

const root = new URL('../..', import.meta.url).pathname
const protocolDir = join(root, 'src/protocol')

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []))
}

/** Repository-relative paths a file imports (static, type-only, re-exports and import()), relative specifiers only. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
  return importedFiles.filter((f) => f.fileName.startsWith('.')).map((f) => relative(root, resolve(dirname(file), f.fileName)))
}

describe('protocol/ knows no feature', () => {
  it('sees the imports it checks (endpoint.ts imports api-module.ts)', () => {
    assert.ok(importsOf(join(protocolDir, 'endpoint.ts')).includes('src/protocol/api-module.ts'))
  })

  it('no file under src/protocol imports src/features/** or src/modules.ts', () => {
    const offences = files(protocolDir).flatMap((file) =>
      importsOf(file)
        .filter((target) => target.startsWith('src/features/') || target === 'src/modules.ts')
        .map((target) => `${relative(root, file)} imports ${target}`),
    )
    assert.deepEqual(offences, [])
  })
})
