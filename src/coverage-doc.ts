// Renders docs/coverage.md (npm run docs:coverage): the action registry (modules.ts) against the
// documented QingCloud IaaS actions (test/fixtures/qingcloud-actions.tsv, the project's copy of the
// list). A test compares the file with this output, so the page cannot drift from the code.
import { readFileSync } from 'node:fs'
import { modules as defaultModules } from './modules.ts'
import type { ApiModule } from './protocol/api-module.ts'

export interface DocumentedAction {
  group: string
  action: string
}

const ACTIONS_FILE = new URL('../test/fixtures/qingcloud-actions.tsv', import.meta.url)

/** The documented actions: `#` lines are comments, the first other line names the columns. */
export function parseDocumentedActions(text: string): DocumentedAction[] {
  const lines = text.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'))
  const header = (lines.shift() ?? '').split('\t')
  const groupAt = header.indexOf('group')
  const actionAt = header.indexOf('action')
  if (groupAt < 0 || actionAt < 0) throw new Error('qingcloud-actions.tsv: the header names no group or action column')
  return lines.map((line) => {
    const cells = line.split('\t')
    return { group: cells[groupAt] ?? '', action: cells[actionAt] ?? '' }
  })
}

export const readDocumentedActions = (): DocumentedAction[] => parseDocumentedActions(readFileSync(ACTIONS_FILE, 'utf8'))

const percent = (part: number, whole: number) => `${whole === 0 ? 0 : Math.round((100 * part) / whole)}%`

export function renderCoverageDoc(registry: readonly ApiModule[] = defaultModules, documented: readonly DocumentedAction[] = readDocumentedActions()): string {
  // QingCloud's documented actions are /iaas/ actions: only that module implements them
  const iaas = registry.find((m) => m.name === 'iaas')?.actions ?? new Map()
  const documentedNames = new Set(documented.map((d) => d.action))
  const implemented = documented.filter((d) => iaas.has(d.action))
  const groups = [...new Set(documented.map((d) => d.group))].sort()
  const lines = [
    '# QingCloud API coverage',
    '',
    '<!-- Generated from src/modules.ts and test/fixtures/qingcloud-actions.tsv by `npm run docs:coverage`; edit those, not this file. -->',
    '',
    'The IaaS actions QingCloud documents, by documentation group, and whether QingLocal answers each;',
    'then the actions QingLocal has that QingCloud does not document. An action counts as implemented',
    "when the `/iaas/` module registers it; what it leaves out is listed in its feature folder's",
    '`index.ts` (limitations).',
    '',
    `**${implemented.length} of ${documented.length} documented actions implemented (${percent(implemented.length, documented.length)}).**`,
    '',
    '| group | implemented | documented | percent |',
    '| --- | --- | --- | --- |',
  ]
  for (const group of groups) {
    const all = documented.filter((d) => d.group === group)
    const done = all.filter((d) => iaas.has(d.action)).length
    lines.push(`| [${group}](#${group}) | ${done} | ${all.length} | ${percent(done, all.length)} |`)
  }
  lines.push('')
  for (const group of groups) {
    lines.push(`## ${group}`, '', '| action | implemented |', '| --- | --- |')
    const actions = documented
      .filter((d) => d.group === group)
      .map((d) => d.action)
      .sort()
    for (const action of actions) lines.push(`| \`${action}\` | ${iaas.has(action) ? 'yes' : 'no'} |`)
    lines.push('')
  }
  lines.push(
    '## QingLocal-only actions',
    '',
    'Registered by QingLocal but not in the documented list: sessions (`/account/`), platform',
    'administration (`/admin/`) and the few `/iaas/` actions of its own.',
    '',
    '| module | action | auth |',
    '| --- | --- | --- |',
  )
  for (const module of registry) {
    const own = [...module.actions.values()].filter((a) => module.name !== 'iaas' || !documentedNames.has(a.name)).sort((a, b) => a.name.localeCompare(b.name))
    for (const action of own) lines.push(`| \`/${module.name}/\` | \`${action.name}\` | ${action.auth ?? module.auth} |`)
  }
  lines.push('')
  return lines.join('\n')
}
