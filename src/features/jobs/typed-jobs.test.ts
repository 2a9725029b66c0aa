// Typed jobs: an action declares its job payload as a typebox schema; jobs.start (and startFor, for
// a job another action settles) is typed by it, and the runner checks the stored payload against it
// before settle, work or onFailure see it. Runner-level data (work_ms, work_attempt) lives in
// columns of its own (migration 0019), not in the action's payload.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, beforeEach, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import pino from 'pino'
import Type from 'typebox'
import { type ActionContext, defineAction } from '../../protocol/action.ts'
import { Int, Str } from '../../protocol/params.ts'
import { modules } from '../../modules.ts'
import * as migration from '../../store/migrations/0019-job-runner-columns.ts'
import { insertInstance } from '../../../test/support/fixtures.ts'
import { launchOne } from '../../../test/support/fixtures-instances.ts'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'

const settled: Array<{ job_id: string; size: number }> = []
const undone: string[] = []

/** A test-only action with a declared payload; its resource is an instance it puts to rest itself. */
const growThing = defineAction({
  name: 'GrowThing',
  params: Type.Object({ instance: Str(), size: Int() }),
  job: { payload: Type.Object({ size: Type.Integer({ minimum: 1 }) }) },
  async handle(params, ctx) {
    return { job_id: await ctx.jobs.start({ resource_ids: [params.instance], payload: { size: params.size } }) }
  },
  async settle(job) {
    settled.push({ job_id: job.job_id, size: job.payload.size })
  },
  async onFailure(job) {
    undone.push(job.job_id)
  },
})

/** Queues a job that GrowThing settles: typed by GrowThing's payload, not its own (it declares none). */
const queueGrow = defineAction({
  name: 'QueueGrow',
  params: Type.Object({ instance: Str() }),
  async handle(params, ctx) {
    return { job_id: await ctx.jobs.startFor(growThing, { resource_ids: [params.instance], payload: { size: 7 } }) }
  },
})

const withTestActions = modules.map((m) => (m.name === 'iaas' ? { ...m, actions: new Map([...m.actions, [growThing.name, growThing], [queueGrow.name, queueGrow]]) } : m))

// compile-time guards (npx tsc, run with the linter): each line below must fail to type-check
export const compileTimeChecks = [
  defineAction({
    name: 'TypedStart',
    params: Type.Object({}),
    job: { payload: Type.Object({ size: Type.Integer() }) },
    async handle(_params, ctx) {
      // @ts-expect-error the action declares a payload: a job without one is refused
      await ctx.jobs.start({ resource_ids: [] })
      // @ts-expect-error the payload has the declared type
      await ctx.jobs.start({ resource_ids: [], payload: { size: 'big' } })
      // @ts-expect-error startFor takes the settling action's payload type, not the running one's
      await ctx.jobs.startFor(growThing, { resource_ids: [], payload: { volumes: [] } })
      return {}
    },
  }),
  defineAction({
    name: 'UntypedStart',
    params: Type.Object({}),
    async handle(_params, ctx) {
      // @ts-expect-error an action that declares no payload queues none
      await ctx.jobs.start({ resource_ids: [], payload: { size: 1 } })
      return {}
    },
  }),
  // @ts-expect-error a helper with a bare ActionContext can not start a job: it must name the payload type
  (ctx: ActionContext) => ctx.jobs.start({ resource_ids: [] }),
]

describe('typed job payloads', () => {
  let t: TestApp
  const lines: string[] = []
  before(async () => {
    t = await startTestApp({ modules: withTestActions, logger: pino({ level: 'error' }, { write: (line: string) => void lines.push(line) }) })
  })
  after(() => t.close())
  beforeEach(() => {
    settled.length = 0
    undone.length = 0
    lines.length = 0
  })

  const jobRow = (id: string) => t.store.db.selectFrom('jobs').selectAll().where('job_id', '=', id).executeTakeFirstOrThrow()
  const transitionOf = async (id: string) => (await t.store.db.selectFrom('instances').select('transition_status').where('instance_id', '=', id).executeTakeFirstOrThrow()).transition_status

  it('hands settle the payload it declared', async () => {
    const instance = await insertInstance(t, { transition_status: 'updating' })
    const { job_id } = await t.call('GrowThing', { instance: instance.instance_id, size: 3 })
    await t.settle()
    assert.equal((await jobRow(job_id)).status, 'successful')
    assert.deepEqual(settled, [{ job_id, size: 3 }])
  })

  it('settles a job started for another action with that action, and that action’s payload', async () => {
    const instance = await insertInstance(t, { transition_status: 'updating' })
    const { job_id } = await t.call('QueueGrow', { instance: instance.instance_id })
    assert.equal((await jobRow(job_id)).job_action, 'GrowThing')
    await t.settle()
    assert.equal((await jobRow(job_id)).status, 'successful')
    assert.deepEqual(settled, [{ job_id, size: 7 }])
  })

  for (const [what, stored] of [
    ['a payload of another shape (an older version’s)', JSON.stringify({ size: 'big' })],
    ['a payload without a field the action needs', JSON.stringify({ volumes: ['vol-1'] })],
    ['a payload that is not JSON', '{size:'],
  ] as const) {
    it(`fails a job with ${what}: 1100, the reason logged, resources at rest, neither settle nor onFailure run`, async () => {
      const instance = await insertInstance(t, { transition_status: 'updating' })
      const { job_id } = await t.call('GrowThing', { instance: instance.instance_id, size: 3 })
      await t.store.db.updateTable('jobs').set({ payload: stored }).where('job_id', '=', job_id).execute()
      await t.settle()
      const row = await jobRow(job_id)
      assert.deepEqual([row.status, row.error_codes], ['failed', '1100'])
      assert.deepEqual([settled, undone], [[], []])
      assert.equal(await transitionOf(instance.instance_id), '')
      const logged = lines.map((l) => JSON.parse(l) as { job_id?: string; msg: string; reason?: string }).find((l) => l.job_id === job_id)
      assert.equal(logged?.msg, 'job payload does not fit its action; the job fails')
      assert.ok(logged?.reason, 'the log names why')
      const described = (await t.call('DescribeJobs', { jobs: [job_id] })).job_set[0]
      assert.deepEqual([described.status, described.error_codes], ['failed', '1100'])
    })
  }
})

describe('migration 0019', () => {
  let t: TestApp
  before(async () => (t = await startTestApp()))
  after(() => t.close())

  it('moves work_ms and work_attempt of jobs written before it out of the payload into their columns, and the jobs still finish', async () => {
    const id = await launchOne(t)
    const stop = await t.call('StopInstances', { instances: [id], force: 1 })
    await t.store.db.updateTable('jobs').set({ work_attempt: 2 }).where('job_id', '=', stop.job_id).execute()
    const row = () => t.store.db.selectFrom('jobs').selectAll().where('job_id', '=', stop.job_id).executeTakeFirstOrThrow()
    assert.deepEqual([(await row()).payload, (await row()).work_ms, (await row()).work_attempt], ['{}', 300, 2])

    await migration.down(t.store.db as Kysely<unknown>)
    const old = (await t.store.db.selectFrom('jobs').select('payload').where('job_id', '=', stop.job_id).executeTakeFirstOrThrow()).payload
    assert.deepEqual(JSON.parse(old), { work_ms: 300, work_attempt: 2 }, 'as the version before wrote it')

    await migration.up(t.store.db as Kysely<unknown>)
    assert.deepEqual([(await row()).payload, (await row()).work_ms, (await row()).work_attempt], ['{}', 300, 2])
    await t.settle()
    assert.equal((await row()).status, 'successful')
  })
})

describe('payload casts', () => {
  it('no feature reads a job payload through a cast: the action’s schema types it', () => {
    const root = join(import.meta.dirname, '..')
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []))
    const casts = files(root).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => /payload\b.*\bas\s+(unknown|[A-Z{[]|string|number)/.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    )
    assert.deepEqual(casts, [])
  })
})
