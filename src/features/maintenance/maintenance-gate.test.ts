// Every registered action of every module, during maintenance: each one that is not read-only
// answers exactly 5300 (the gate runs before parameters are read, so no parameters are needed),
// each read-only one answers something else, and the switch stays usable. Read-only is decided by
// one rule (Describe…/Get… names, plus Login and Logout): a new action is classified by it, and an
// action that overrides it must be added here.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { modules } from '../../modules.ts'
import { signedInUser } from '../../../test/support/fixtures-accounts.ts'
import { ok, startTestApp, type TestApp } from '../../../test/support/harness.ts'

let t: TestApp
let token: string
before(async () => {
  t = await startTestApp()
  token = (await signedInUser(t, 'gate')).token
})
after(() => t.close())

const READ_NAME = /^(Describe|Get)[A-Z]/
/** Not Describe…/Get…, yet allowed in maintenance: signing in and out only keeps session bookkeeping. */
const ALSO_READ_ONLY = ['Login', 'Logout']
/** The switch itself. */
const SWITCH = ['StartMaintenance', 'StopMaintenance']

const callIn = async (module: string, action: string) => (module === 'account' ? (await t.account(action, {}, { token })).body : module === 'admin' ? await t.admin_call(action) : await t.call(action))

describe('maintenance gate', () => {
  it('classifies every action by the rule', () => {
    for (const module of modules) {
      for (const action of module.actions.values()) {
        assert.equal(action.readOnly, READ_NAME.test(action.name) || ALSO_READ_ONLY.includes(action.name), `${module.name} ${action.name}`)
      }
    }
  })

  for (const module of modules) {
    it(`answers 5300 for every mutating action of /${module.name}/ and lets reads in`, async () => {
      ok(await t.admin_call('StartMaintenance', { message: 'gate test' }))
      try {
        for (const action of module.actions.values()) {
          // Logout would end the session this loop calls /account/ with (it is read-only, checked above)
          if (SWITCH.includes(action.name) || action.name === 'Logout') continue
          const body = await callIn(module.name, action.name)
          if (action.readOnly) assert.notEqual(body.ret_code, 5300, `${module.name} ${action.name} is a read: ${body.message}`)
          else assert.deepEqual(body, { ret_code: 5300, message: 'ServerUpdating, the platform is under maintenance until an administrator ends it, only reads are served: gate test' }, `${module.name} ${action.name}`)
        }
      } finally {
        ok(await t.admin_call('StopMaintenance'))
      }
    })
  }
})
