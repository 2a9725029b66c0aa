// Bad input never produces InternalError (5000): every registered action of every module gets
// requests whose parameters are random (strings, numbers, empty values, lists, objects, its own
// parameter names with wrong kinds of values), signed or with a session as the module needs, and
// must answer with some other ret_code. fast-check keeps the inputs repeatable (fixed seed).
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { modules } from '../../src/modules.ts'
import { signedInUser } from '../support/fixtures-accounts.ts'
import { startTestApp, type TestApp } from '../support/harness.ts'

let t: TestApp
let token: string
before(async () => {
  t = await startTestApp()
  token = (await signedInUser(t, 'fuzz')).token
})
after(() => t.close())
// the fuzz may switch maintenance on or arm scripted faults (an empty StartMaintenance is valid):
// switched back after each action, so every action is exercised for real
afterEach(async () => {
  await t.admin_call('StopMaintenance')
  await t.admin_call('DisarmFaults')
})

const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '0', '1', '-1', '2147483648', '1e309', 'true', 'null', 'i-nothere1', 'vol-nothere', 'pek3a', '../x', '%00', '😀'), fc.integer().map(String))
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'tag_id', 'resource_type', 'resource_id', 'x'), scalar, { maxKeys: 3 }))

describe('no request produces InternalError', () => {
  for (const module of modules) {
    for (const action of module.actions.values()) {
      it(`${module.name} ${action.name}`, async () => {
        const names = Object.keys((action.params as { properties?: Record<string, unknown> }).properties ?? {})
        const params = fc.dictionary(fc.constantFrom(...names, 'zone', 'unknown_param'), value, { maxKeys: names.length + 1 })
        await fc.assert(
          fc.asyncProperty(params, async (p) => {
            const body = module.name === 'account' ? (await t.account(action.name, p, { token })).body : module.name === 'admin' ? await t.admin_call(action.name, p) : await t.call(action.name, p)
            assert.notEqual(body.ret_code, 5000, `${action.name} ${JSON.stringify(p)} → ${body.message}`)
            assert.equal(typeof body.ret_code, 'number')
          }),
          { numRuns: Number(process.env.FUZZ_RUNS ?? 25), seed: 20261128 },
        )
        // and every parameter, one at a time, with values beyond a 32-bit column or odd in form
        for (const name of names) {
          for (const extreme of ['2147483648', '-99999999999', '1e3', ' 1', '0x10', '', 'a\0b']) {
            const p = { [name]: extreme }
            const body = module.name === 'account' ? (await t.account(action.name, p, { token })).body : module.name === 'admin' ? await t.admin_call(action.name, p) : await t.call(action.name, p)
            assert.notEqual(body.ret_code, 5000, `${action.name} ${JSON.stringify(p)} → ${body.message}`)
          }
        }
      })
    }
  }
})
