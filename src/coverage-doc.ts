// Renders docs/coverage.md (npm run docs:coverage): the action registry (modules.ts) against the
// documented QingCloud IaaS actions (test/fixtures/qingcloud-actions.tsv, the project's copy of the
// list). A test compares the file with this output, so the page cannot drift from the code.
// `qinglocal coverage` prints the same report (coverageReport) as text or JSON.
import { readFileSync } from 'node:fs'
import { modules as defaultModules } from './modules.ts'
import type { ApiModule } from './protocol/api-module.ts'

export interface DocumentedAction {
  group: string
  action: string
}

/** From the sources (src/). The bundled command (dist/cli/) names the file relative to itself: see readDocumentedActions. */
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

export const readDocumentedActions = (file: URL = ACTIONS_FILE): DocumentedAction[] => parseDocumentedActions(readFileSync(file, 'utf8'))

/** `39%`: a whole percentage, rounded. */
export const percent = (part: number, whole: number) => `${whole === 0 ? 0 : Math.round((100 * part) / whole)}%`

export interface GroupCoverage {
  group: string
  implemented: number
  documented: number
  percent: string
  /** Sorted by name. */
  actions: Array<{ action: string; implemented: boolean }>
}

export interface CoverageReport {
  implemented: number
  documented: number
  percent: string
  /** Sorted by group name. */
  groups: GroupCoverage[]
  /** Registered but not documented: every non-/iaas/ action, and /iaas/ ones of QingLocal's own. */
  qinglocal_only: Array<{ module: string; action: string; auth: string }>
}

/** The documented actions against the registry: what docs/coverage.md and `qinglocal coverage` show. */
export function coverageReport(registry: readonly ApiModule[] = defaultModules, documented: readonly DocumentedAction[] = readDocumentedActions()): CoverageReport {
  // QingCloud's documented actions are /iaas/ actions: only that module implements them
  const iaas = registry.find((m) => m.name === 'iaas')?.actions ?? new Map()
  const documentedNames = new Set(documented.map((d) => d.action))
  const groups = [...new Set(documented.map((d) => d.group))].sort().map((group): GroupCoverage => {
    const actions = documented
      .filter((d) => d.group === group)
      .map((d) => ({ action: d.action, implemented: iaas.has(d.action) }))
      .sort((a, b) => (a.action < b.action ? -1 : a.action > b.action ? 1 : 0))
    const done = actions.filter((a) => a.implemented).length
    return { group, implemented: done, documented: actions.length, percent: percent(done, actions.length), actions }
  })
  const implemented = documented.filter((d) => iaas.has(d.action)).length
  const qinglocal_only = registry.flatMap((module) =>
    [...module.actions.values()]
      .filter((a) => module.name !== 'iaas' || !documentedNames.has(a.name))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((a) => ({ module: module.name, action: a.name, auth: String(a.auth ?? module.auth) })),
  )
  return { implemented, documented: documented.length, percent: percent(implemented, documented.length), groups, qinglocal_only }
}

export function renderCoverageDoc(registry: readonly ApiModule[] = defaultModules, documented: readonly DocumentedAction[] = readDocumentedActions()): string {
  const report = coverageReport(registry, documented)
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
    `**${report.implemented} of ${report.documented} documented actions implemented (${report.percent}).**`,
    '',
    '| group | implemented | documented | percent |',
    '| --- | --- | --- | --- |',
  ]
  for (const g of report.groups) lines.push(`| [${g.group}](#${g.group}) | ${g.implemented} | ${g.documented} | ${g.percent} |`)
  lines.push('')
  for (const g of report.groups) {
    lines.push(`## ${g.group}`, '', '| action | implemented |', '| --- | --- |')
    for (const a of g.actions) lines.push(`| \`${a.action}\` | ${a.implemented ? 'yes' : 'no'} |`)
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
  for (const a of report.qinglocal_only) lines.push(`| \`/${a.module}/\` | \`${a.action}\` | ${a.auth} |`)
  lines.push('')
  return lines.join('\n')
}
