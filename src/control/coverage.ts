// The `coverage` control: every documented QingCloud action as implemented or not, per group with
// percentages, and QingLocal's own actions: the report of `qinglocal coverage` and docs/coverage.md.
import { coverageReport, type DocumentedAction, readDocumentedActions } from '../coverage-doc.ts'
import type { ApiModule } from '../protocol/api-module.ts'
import type { Control } from './control-api.ts'

/** The project's copy of the documented list, named from here as src/cli/ does: src/control/ and the bundle's dist/cli/ share a depth. */
const DOCUMENTED_ACTIONS = new URL('../../test/fixtures/qingcloud-actions.tsv', import.meta.url)

export function coverageControl(modules: readonly ApiModule[]): Control {
  let documented: DocumentedAction[] | undefined
  return {
    method: 'GET',
    run: async () => {
      // read at the first request, not at start: most servers are never asked
      documented ??= readDocumentedActions(DOCUMENTED_ACTIONS)
      return { ...coverageReport(modules, documented) }
    },
  }
}
