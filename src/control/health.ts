// The `health` control: how this server stands, in one reply. Version (package.json), the store it
// uses, uptime by the app's clock (so a moved clock shows), each feature folder and each API module
// with its actions and their count, the virtual clock (the platform's time, the base clock's, the
// offset, frozen or not), the job runner (does its loop run, at what speed, how many unfinished jobs
// are due now), the maintenance switch, the license in force (DescribeLicense's data), the billing
// ticker (does a loop tick it, its last tick in this process, the next tick, the earliest lease
// renewal) and the init hooks of this process. Store reads go through the owning
// features' exported functions, in one read-only snapshot.
import { readFileSync } from 'node:fs'
import { nextLeaseDue } from '../features/billing/billing-ticker.ts'
import { countDueJobs } from '../features/jobs/job-repo.ts'
import type { JobRunner } from '../features/jobs/job-runner.ts'
import { licenseState } from '../features/licenses/actions/describe-license.ts'
import { inForce, maintenanceView, storedWindow } from '../features/maintenance/maintenance.ts'
import { initHookResults } from '../init-hooks.ts'
import type { VirtualClock } from '../features/virtual-clock/virtual-clock.ts'
import { formatTime } from '../lib/clock.ts'
import type { ActionSettings } from '../protocol/action.ts'
import { featureOf } from '../modules.ts'
import type { ApiModule } from '../protocol/api-module.ts'
import { inSnapshot } from '../store/snapshot.ts'
import type { Store } from '../store/store.ts'
import { clockFields } from './clock.ts'
import type { Control } from './control-api.ts'

export const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version

export interface HealthDeps {
  store: Store
  clock: VirtualClock
  modules: readonly ApiModule[]
  runner: JobRunner
  settings: ActionSettings
}

/** The served actions per feature folder (modules.ts featureOf), by name; an action no feature lists (a test's own) under 'other'. */
function actionsByFeature(served: readonly ApiModule[]): Array<{ feature: string; action_count: number; actions: string[] }> {
  const byFeature = new Map<string, Set<string>>()
  for (const module of served) {
    for (const [name, action] of module.actions) {
      const feature = featureOf.get(action) ?? 'other'
      const names = byFeature.get(feature) ?? new Set<string>()
      byFeature.set(feature, names.add(name))
    }
  }
  return [...byFeature].sort(([a], [b]) => a.localeCompare(b)).map(([feature, names]) => ({ feature, action_count: names.size, actions: [...names].sort() }))
}

export function healthControl(deps: HealthDeps): Control {
  const startedAt = deps.clock.now()
  const modules = deps.modules.map((m) => ({ module: m.name, action_count: m.actions.size, actions: [...m.actions.keys()].sort() }))
  const features = actionsByFeature(deps.modules)
  return {
    method: 'GET',
    run: async () => {
      const clock = deps.clock.view()
      const now = clock.now
      const stored = await inSnapshot({ db: deps.store.readDb }, async ({ db }) => ({
        due: await countDueJobs(db, now),
        leaseDue: await nextLeaseDue(db),
        window: inForce(await storedWindow(db), now),
        license: await licenseState(db, deps.settings, now),
      }))
      return {
        version: VERSION,
        store: deps.store.description,
        started_at: formatTime(startedAt),
        now: formatTime(now),
        uptime_seconds: Math.max(0, Math.floor((now.getTime() - startedAt.getTime()) / 1000)),
        clock: clockFields(clock),
        action_count: modules.reduce((sum, m) => sum + m.action_count, 0),
        features,
        modules,
        jobs: { ...deps.runner.state, due: stored.due },
        billing_ticker: deps.runner.billingState(stored.leaseDue),
        maintenance: maintenanceView(stored.window),
        license: stored.license,
        init_hooks: initHookResults(),
      }
    },
  }
}
