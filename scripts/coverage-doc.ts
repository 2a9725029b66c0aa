// npm run docs:coverage: writes docs/coverage.md from the action registry and the documented list.
import { writeFileSync } from 'node:fs'
import { renderCoverageDoc } from '../src/coverage-doc.ts'

writeFileSync(new URL('../docs/coverage.md', import.meta.url), renderCoverageDoc())
console.log('wrote docs/coverage.md')
