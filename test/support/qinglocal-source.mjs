#!/usr/bin/env node
// `qinglocal` run from the TypeScript sources through tsx, for the tests that spawn the command:
// they test the code in the working tree, never a stale build in dist/ (bin/qinglocal.mjs runs
// dist/; test/e2e/built-command.test.ts covers that path).
import { register } from 'tsx/esm/api'

register()
await import('../../src/cli/main.ts')
