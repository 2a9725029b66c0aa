// Which API actions the web console calls, read from its sources: every call site names its module
// and action as string literals (`call('iaas', 'RunInstances', …)`), so the set is found without
// running it. docs/console-coverage.md is rendered from that set and the registry (npm run
// docs:console); its test fails when the page is stale, when the console calls an action no module
// has, and when an action has neither a console path nor a stated reason in NOT_IN_CONSOLE.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { modules as defaultModules } from '../modules.ts'
import type { ApiModule } from '../protocol/api-module.ts'

export const CONSOLE_SOURCES = fileURLToPath(new URL('../../console/src/', import.meta.url))

// call, optional type arguments (one level of nesting: DescribeReply<'x_set', X>), module, action
const CALL = /\bcall\s*(?:<(?:[^<>]|<[^<>]*>)*>)?\s*\(\s*(['"])(iaas|admin|account)\1\s*,\s*(['"])([A-Za-z0-9]+)\3/g

export type ConsoleModule = 'iaas' | 'admin' | 'account'

/** `module/Action` of every call in the console's sources. */
export function consoleCalls(dir = CONSOLE_SOURCES): Set<string> {
  const found = new Set<string>()
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
        // comments may show a call as an example: only code counts
        const code = readFileSync(full, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
        for (const m of code.matchAll(CALL)) found.add(`${m[2]}/${m[4]}`)
      }
    }
  }
  walk(dir)
  return found
}

/**
 * Actions a person has no use for in the console, with the reason. Anything else the server
 * implements must have a console path.
 */
export const NOT_IN_CONSOLE: Readonly<Record<string, string>> = {
  // money, quotas, settings and admin pages
  'iaas/DescribeAccessKeys': 'the same action as account/DescribeAccessKeys, which the settings page calls with the session; the /iaas/ copy is for signed clients (the Kubernetes cloud-controller-manager)',
  // monitoring (console-polish)
  'iaas/GetMonitors': 'the charts ask GetMonitor for the one resource on their page; GetMonitors batches many resources, which no page shows together',
  // loadbalancers (pages-lb-apps)
  'iaas/DescribeLoadBalancerListeners': "the load balancer's page reads its listeners embedded in DescribeLoadBalancers verbose=1",
  'iaas/DescribeLoadBalancerBackends': "the load balancer's page reads each listener's backends embedded in DescribeLoadBalancers verbose=1",
}

export interface ConsoleCoverage {
  used: string[]
  missing: string[]
  unknown: string[]
  excused: string[]
}

export function consoleCoverage(registry: readonly ApiModule[] = defaultModules, calls = consoleCalls()): ConsoleCoverage {
  const all = registry.filter((m) => m.name === 'iaas' || m.name === 'admin' || m.name === 'account').flatMap((m) => [...m.actions.keys()].map((a) => `${m.name}/${a}`))
  const known = new Set(all)
  return {
    used: all.filter((a) => calls.has(a)).sort(),
    missing: all.filter((a) => !calls.has(a) && NOT_IN_CONSOLE[a] === undefined).sort(),
    unknown: [...calls].filter((a) => !known.has(a)).sort(),
    excused: all.filter((a) => !calls.has(a) && NOT_IN_CONSOLE[a] !== undefined).sort(),
  }
}

export function renderConsoleCoverageDoc(coverage: ConsoleCoverage = consoleCoverage()): string {
  const lines = [
    '# What the web console covers',
    '',
    '<!-- Generated from console/src and src/modules.ts by `npm run docs:console`; edit those, not this file. -->',
    '',
    'The API actions of `/iaas/`, `/admin/` and `/account/` and whether the console at `/console/` has a',
    'path to each (a page, a button or a dialog that calls it). Actions a person has no use for in a',
    'console are listed last, with the reason (`NOT_IN_CONSOLE` in `src/console/console-coverage.ts`).',
    '',
    `**${coverage.used.length} actions have a console path; ${coverage.missing.length} do not yet; ${coverage.excused.length} are left to scripts on purpose.**`,
    '',
    '## Without a console path yet',
    '',
    ...(coverage.missing.length ? coverage.missing.map((a) => `- \`${a}\``) : ['None.']),
    '',
    '## In the console',
    '',
    ...coverage.used.map((a) => `- \`${a}\``),
    '',
    '## Left to scripts',
    '',
    ...(coverage.excused.length ? coverage.excused.map((a) => `- \`${a}\`: ${NOT_IN_CONSOLE[a]}`) : ['None.']),
    '',
  ]
  return lines.join('\n')
}
