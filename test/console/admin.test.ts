// The administrator's story in a real browser: an admin bans a user from the Users page while the
// user is signed in elsewhere, and the user's console is sent back to sign-in at its next request
// with the ban explained; in English and Chinese.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import account from '../../console/src/i18n/account.ts'
import admin from '../../console/src/i18n/admin.ts'
import common from '../../console/src/i18n/common.ts'
import keypairs from '../../console/src/i18n/keypairs.ts'
import { type ConsoleRig, screenshot, startConsoleRig, watchErrors } from '../support/browser.ts'
import { GOOD_PASSWORD, newEmail, registerAndVerify } from '../support/fixtures-accounts.ts'
import type { BrowserContext, Page } from 'playwright-core'

let rig: ConsoleRig
before(async () => (rig = await startConsoleRig()))
after(() => rig.close())

async function signIn(context: BrowserContext, email: string, L: Record<string, string>): Promise<Page> {
  const page = await context.newPage()
  await page.goto(rig.base)
  await page.getByLabel(L['account.email']!).fill(email)
  await page.getByLabel(L['account.password']!).fill(GOOD_PASSWORD)
  await page.getByRole('button', { name: L['account.signIn'], exact: true }).click()
  await page.getByRole('button', { name: L['common.userMenu'] }).waitFor()
  return page
}

for (const lang of ['en', 'zh'] as const) {
  const L: Record<string, string> = { ...account[lang], ...admin[lang], ...common[lang], ...keypairs[lang] }
  describe(`administration in ${lang === 'en' ? 'English' : 'Chinese'}`, () => {
    it('bans a user from the Users page, and the user’s open console ends at once', async () => {
      const operator = newEmail(`operator-${lang}`)
      const operatorId = await registerAndVerify(rig.t, operator)
      assert.equal((await rig.t.admin_call('SetUserRole', { user: operatorId, role: 'admin' })).ret_code, 0)
      const victim = newEmail(`banned-${lang}`)
      const victimId = await registerAndVerify(rig.t, victim)

      const userContext = await rig.context({ lang })
      const userPage = await signIn(userContext, victim, L)
      const adminContext = await rig.context({ lang })
      const adminPage = await signIn(adminContext, operator, L)
      const noErrors = watchErrors(adminPage)

      await adminPage.getByRole('link', { name: L['admin.users'], exact: true }).click()
      await adminPage.getByPlaceholder(L['common.searchPlaceholder']!).fill(victim)
      await adminPage.getByRole('button', { name: L['common.search'], exact: true }).click()
      await adminPage.getByRole('checkbox', { name: L['common.selectRow']!.replace('{id}', victimId) }).check()
      await screenshot(adminPage, `admin-users-${lang}`)
      await adminPage.getByRole('button', { name: L['admin.ban'], exact: true }).click()
      await adminPage.getByRole('dialog').getByRole('button', { name: L['admin.ban'], exact: true }).click()
      // the victim's own row says Banned once BanUsers answered (a loose cell name matched the email, banned-…)
      await adminPage
        .getByRole('row', { name: new RegExp(victimId) })
        .getByText(L['status.banned']!, { exact: true })
        .waitFor()
      assert.equal((await rig.t.store.db.selectFrom('users').select('status').where('user_id', '=', victimId).executeTakeFirstOrThrow()).status, 'banned')

      // the user's next request is refused (1662) and the console returns to sign-in, saying why
      await userPage.getByRole('link', { name: L['keypairs.title'] }).first().click()
      await userPage.getByRole('heading', { name: L['account.signInTitle'] }).waitFor()
      noErrors()
      await userContext.close()
      await adminContext.close()
    })
  })
}
