// Registering, verifying the address and resetting a forgotten password, all in the browser, with
// the tokens the mails carry (read from the outbox as a person would read the mail).
import assert from 'node:assert/strict'
import { after, before, it } from 'node:test'
import account from '../../console/src/i18n/account.ts'
import common from '../../console/src/i18n/common.ts'
import { type ConsoleRig, startConsoleRig, watchErrors } from '../support/browser.ts'
import { mailedToken, newEmail } from '../support/fixtures-accounts.ts'

let rig: ConsoleRig
before(async () => (rig = await startConsoleRig()))
after(() => rig.close())

const L = { ...account.en, ...common.en }

it('registers, verifies the address with the mailed token, signs in; then resets a forgotten password and signs in with the new one', async () => {
  const email = newEmail('flows')
  const context = await rig.context({ lang: 'en' })
  const page = await context.newPage()
  const noErrors = watchErrors(page)
  const signIn = async (password: string) => {
    await page.goto(rig.base)
    await page.getByLabel(L['account.email']).fill(email)
    await page.getByLabel(L['account.password'], { exact: true }).fill(password)
    await page.getByRole('button', { name: L['account.signIn'], exact: true }).click()
    await page.getByRole('button', { name: L['common.userMenu'] }).waitFor()
  }

  await page.goto(rig.base)
  await page.getByRole('link', { name: L['account.registerLink'] }).click()
  await page.getByLabel(L['account.email']).fill(email)
  await page.getByLabel(L['account.password'], { exact: true }).fill('first password 1')
  await page.getByRole('button', { name: L['account.register'], exact: true }).click()
  await page.getByText(L['account.registered'].replace('{email}', email)).waitFor()

  // the mailed link opens the verify page with its token, which verifies at once
  await page.goto(`${rig.base}#/verify?token=${await mailedToken(rig.t, email, 'Verify')}`)
  await page.getByText(L['account.verified']).waitFor()
  await signIn('first password 1')
  await page.getByRole('button', { name: L['common.userMenu'] }).click()
  await page.getByRole('button', { name: L['common.signOut'] }).click()

  await page.getByRole('link', { name: L['account.forgotLink'] }).click()
  await page.getByLabel(L['account.email']).fill(email)
  await page.getByRole('button', { name: L['account.sendReset'], exact: true }).click()
  // the mail is queued by the time the page says it is on its way
  await page.getByText(L['account.resetSent'].replace('{email}', email)).waitFor()
  await page.goto(`${rig.base}#/reset?token=${await mailedToken(rig.t, email, 'Reset')}`)
  await page.getByLabel(L['account.newPassword']).fill('second password 2')
  await page.getByRole('button', { name: L['account.resetPassword'], exact: true }).click()
  await page.getByText(L['account.resetDone']).waitFor()
  await signIn('second password 2')
  const user = await rig.t.store.db.selectFrom('users').select('status').where('email', '=', email).executeTakeFirstOrThrow()
  assert.equal(user.status, 'active')
  noErrors()
  await context.close()
})
