// npm run docs:console: writes docs/console-coverage.md from the console's sources and the registry.
import { writeFileSync } from 'node:fs'
import { renderConsoleCoverageDoc } from '../src/console/console-coverage.ts'

writeFileSync(new URL('../docs/console-coverage.md', import.meta.url), renderConsoleCoverageDoc())
console.log('wrote docs/console-coverage.md')
