// The console in a real browser: signing in and out in English and Chinese, a key pair made
// through its page, sign-in failures explained with their code, and no errors logged by the
// page. Labels come from the console's own dictionaries, so the same steps run in both languages.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import account from '../../console/src/i18n/account.ts'
import common from '../../console/src/i18n/common.ts'
import keypairs from '../../console/src/i18n/keypairs.ts'
import { registerAndVerify, newEmail, GOOD_PASSWORD } from '../support/fixtures-accounts.ts'
import { type ConsoleRig, screenshot, startConsoleRig, watchErrors } from '../support/browser.ts'

let rig: ConsoleRig
before(async () => (rig = await startConsoleRig()))
after(() => rig.close())

const LANGS = ['en', 'zh'] as const

for (const lang of LANGS) {
  const L = { ...account[lang], ...common[lang], ...keypairs[lang] }
  describe(`the console in ${lang === 'en' ? 'English' : 'Chinese'}`, () => {
    it('signs in, makes a key pair, and signs out', async () => {
      const email = newEmail(`console-${lang}`)
      await registerAndVerify(rig.t, email)
      const context = await rig.context({ lang })
      const page = await context.newPage()
      const noErrors = watchErrors(page)
      await page.goto(rig.base)
      await page.getByLabel(L['account.email']).fill(email)
      await page.getByLabel(L['account.password']).fill(GOOD_PASSWORD)
      await screenshot(page, `sign-in-${lang}`)
      await page.getByRole('button', { name: L['account.signIn'], exact: true }).click()
      await page.getByRole('link', { name: L['keypairs.title'] }).first().click()
      await page.getByRole('button', { name: L['keypairs.create'] }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByLabel(L['keypairs.name']).fill(`kp-${lang}`)
      await dialog.getByRole('button', { name: L['common.create'], exact: true }).click()
      await page
        .getByRole('heading', { name: /kp-|私钥|Private key/ })
        .first()
        .waitFor()
      await page.getByRole('button', { name: L['common.close'], exact: true }).first().click()
      await page.getByRole('cell', { name: `kp-${lang}` }).waitFor()
      await screenshot(page, `keypairs-${lang}`)
      // the API agrees: the key pair is the signed-in user's
      const user = (await rig.t.store.db.selectFrom('users').select('user_id').where('email', '=', email).executeTakeFirstOrThrow()).user_id
      const rows = await rig.t.store.db.selectFrom('keypairs').select(['keypair_name', 'owner']).where('owner', '=', user).execute()
      assert.deepEqual(rows, [{ keypair_name: `kp-${lang}`, owner: user }])

      await page.getByRole('button', { name: L['common.userMenu'] }).click()
      await page.getByRole('button', { name: L['common.signOut'] }).click()
      await page.getByRole('heading', { name: L['account.signInTitle'] }).waitFor()
      noErrors()
      await context.close()
    })

    it('explains a wrong password with its code', async () => {
      const email = newEmail(`wrong-${lang}`)
      await registerAndVerify(rig.t, email)
      const context = await rig.context({ lang })
      const page = await context.newPage()
      await page.goto(rig.base)
      await page.getByLabel(L['account.email']).fill(email)
      await page.getByLabel(L['account.password']).fill('not the password 1')
      await page.getByRole('button', { name: L['account.signIn'], exact: true }).click()
      const alert = page.getByRole('alert')
      await alert.waitFor()
      assert.match((await alert.textContent()) ?? '', /166\d/)
      await context.close()
    })
  })
}

describe('the console at a phone’s width and by keyboard', () => {
  const L = { ...account.en, ...common.en, ...keypairs.en }

  it('signs in with the keyboard alone, and at 390 px the navigation folds into a menu with no sideways scrolling', async () => {
    const email = newEmail('phone')
    await registerAndVerify(rig.t, email)
    const context = await rig.context({ lang: 'en', width: 390, height: 844 })
    const page = await context.newPage()
    const noErrors = watchErrors(page)
    await page.goto(rig.base)
    await page.getByLabel(L['account.email']).focus()
    await page.keyboard.type(email)
    await page.keyboard.press('Tab')
    await page.keyboard.type(GOOD_PASSWORD)
    await page.keyboard.press('Enter')
    const menu = page.getByRole('button', { name: L['common.menu'], exact: true })
    await menu.waitFor()
    await menu.click()
    await page.getByRole('link', { name: L['keypairs.title'] }).first().click()
    await page.getByRole('heading', { name: L['keypairs.title'] }).waitFor()
    await screenshot(page, 'phone-keypairs-en')
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')
    assert.ok(Number(overflow) <= 0, `the page scrolls sideways by ${overflow}px`)
    noErrors()
    await context.close()
  })
})
