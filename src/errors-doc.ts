// Renders docs/errors.md from the catalogue in errors.ts (npm run docs:errors). A test compares
// the file with this output, so the documentation cannot drift from the code.
import { catalogue, type ErrorClass } from './errors.ts'

const classTitles: Record<ErrorClass, string> = {
  client: 'Client errors',
  license: 'License errors',
  server: 'Server errors',
  config: 'Configuration-file errors',
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')

export function renderErrorsDoc(): string {
  const entries = Object.entries(catalogue)
  const reachable = entries.filter(([, e]) => e.trigger !== null).length
  const lines = [
    '# Error codes',
    '',
    '<!-- Generated from src/errors.ts by `npm run docs:errors`; edit the catalogue, not this file. -->',
    '',
    'Every error is an HTTP 200 JSON reply `{"ret_code": N, "message": "<Name>, <detail>"}`; ids and',
    'states in the detail are written in square brackets, e.g.',
    '`PermissionDenied, access denied for zone [xx1a]`. Clients match on the code and on the name.',
    '',
    `${reachable} of ${entries.length} codes can be produced today; the others are defined and reserved for the`,
    'behaviour that will produce them ("not produced yet").',
    '',
  ]
  for (const cls of Object.keys(classTitles) as ErrorClass[]) {
    lines.push(`## ${classTitles[cls]}`, '', '| ret_code | name | 描述 | meaning | how to trigger it |', '| --- | --- | --- | --- | --- |')
    for (const [name, e] of entries) {
      if (e.class !== cls) continue
      lines.push(`| ${e.code} | \`${name}\` | ${cell(e.zh)} | ${cell(e.en)} | ${e.trigger ? cell(e.trigger) : '_not produced yet_'} |`)
    }
    lines.push('')
  }
  return lines.join('\n')
}
