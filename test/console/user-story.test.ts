// A user's story in a real browser, in English and Chinese: sign in, make a key pair and a security
// group, launch an instance with a data volume and an EIP from the console, watch it reach running,
// see the charges and a monitoring chart, tear everything down, sign out. The store is checked at
// each step, so the pages are shown to do what they say.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import account from '../../console/src/i18n/account.ts'
import common from '../../console/src/i18n/common.ts'
import eips from '../../console/src/i18n/eips.ts'
import instances from '../../console/src/i18n/instances.ts'
import keypairs from '../../console/src/i18n/keypairs.ts'
import money from '../../console/src/i18n/money.ts'
import securitygroups from '../../console/src/i18n/securitygroups.ts'
import volumes from '../../console/src/i18n/volumes.ts'
import { type ConsoleRig, screenshot, startConsoleRig, watchErrors } from '../support/browser.ts'
import { GOOD_PASSWORD, newEmail, registerAndVerify } from '../support/fixtures-accounts.ts'

let rig: ConsoleRig
before(async () => (rig = await startConsoleRig()))
after(() => rig.close())

/** Polls the store until `check` holds (the console moves jobs through the API; instant speed). */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  assert.fail(`timed out waiting for ${what}`)
}

for (const lang of ['en', 'zh'] as const) {
  const L: Record<string, string> = { ...account[lang], ...common[lang], ...eips[lang], ...instances[lang], ...keypairs[lang], ...money[lang], ...securitygroups[lang], ...volumes[lang] }
  const label = (key: string) => {
    const text = L[key]
    assert.ok(text, `no label ${key}`)
    return text
  }
  describe(`a user's story in ${lang === 'en' ? 'English' : 'Chinese'}`, () => {
    it('launches an instance with a volume and an EIP, watches it run, sees charges and a chart, and tears it all down', async () => {
      const email = newEmail(`story-${lang}`)
      const userId = await registerAndVerify(rig.t, email)
      // a new account has no money: an operator's recharge first (the admin's part of the story)
      await rig.t.fund(userId, 100)
      const db = rig.t.store.db
      const context = await rig.context({ lang })
      const page = await context.newPage()
      const noErrors = watchErrors(page)
      const nav = (key: string) =>
        page
          .getByRole('navigation', { name: label('nav.main') })
          .getByRole('link', { name: label(key), exact: true })
          .click()
      const select = (id: string) => page.getByRole('checkbox', { name: label('common.selectRow').replace('{id}', id) }).check()
      /** A toolbar button, then the confirm dialog's button of the same name when there is one. */
      const act = async (p: Page, key: string, confirm = true) => {
        await p
          .getByRole('button', { name: label(key), exact: true })
          .first()
          .click()
        if (confirm)
          await p
            .getByRole('dialog')
            .getByRole('button', { name: label(key), exact: true })
            .click()
      }

      await page.goto(rig.base)
      await page.getByLabel(label('account.email')).fill(email)
      await page.getByLabel(label('account.password'), { exact: true }).fill(GOOD_PASSWORD)
      await page.getByRole('button', { name: label('account.signIn'), exact: true }).click()

      // a key pair and a security group
      await nav('keypairs.title')
      await page.getByRole('button', { name: label('keypairs.create') }).click()
      await page.getByRole('dialog').getByLabel(label('keypairs.name')).fill('story-kp')
      await page
        .getByRole('dialog')
        .getByRole('button', { name: label('common.create'), exact: true })
        .click()
      await page
        .getByRole('button', { name: label('common.close'), exact: true })
        .first()
        .click()
      await nav('securitygroups.title')
      await page.getByRole('button', { name: label('securitygroups.create') }).click()
      await page.getByRole('dialog').getByLabel(label('securitygroups.name')).fill('story-sg')
      await page
        .getByRole('dialog')
        .getByRole('button', { name: label('common.create'), exact: true })
        .click()
      await page.getByRole('cell', { name: 'story-sg' }).waitFor()
      const kp = (await db.selectFrom('keypairs').select('keypair_id').where('owner', '=', userId).executeTakeFirstOrThrow()).keypair_id
      const sg = (await db.selectFrom('security_groups').select('security_group_id').where('owner', '=', userId).where('security_group_name', '=', 'story-sg').executeTakeFirstOrThrow()).security_group_id

      // the instance, with a 20 GB data volume and an EIP
      await nav('instances.title')
      await page.getByRole('button', { name: label('instances.create') }).click()
      const dialog = page.getByRole('dialog')
      await dialog.getByLabel(label('instances.name')).fill('story-vm')
      await dialog.getByLabel(label('instances.loginMode')).selectOption('keypair')
      await dialog.getByLabel(label('instances.keypair'), { exact: true }).selectOption(kp)
      await dialog.getByLabel(label('instances.securityGroup')).selectOption(sg)
      await dialog.getByLabel(label('instances.volumeSize')).fill('20')
      await dialog.getByLabel(label('instances.withEip')).check()
      await screenshot(page, `create-instance-${lang}`)
      await dialog.getByRole('button', { name: label('instances.createSubmit'), exact: true }).click()
      let instanceId = ''
      await until('the instance to run with its volume and EIP', async () => {
        const vm = await db.selectFrom('instances').select(['instance_id', 'status']).where('owner', '=', userId).where('instance_name', '=', 'story-vm').executeTakeFirst()
        if (vm?.status !== 'running') return false
        instanceId = vm.instance_id
        const volume = await db.selectFrom('volumes').select('status').where('owner', '=', userId).where('status', '=', 'in-use').executeTakeFirst()
        const eip = await db.selectFrom('eips').select('status').where('owner', '=', userId).where('instance_id', '=', instanceId).where('status', '=', 'associated').executeTakeFirst()
        return volume !== undefined && eip !== undefined
      })
      // the list shows it running without a reload
      await page
        .getByRole('row', { name: new RegExp(instanceId) })
        .getByText(label('status.running'), { exact: true })
        .waitFor()
      await screenshot(page, `instances-${lang}`)

      // twenty minutes later (sessions idle out after 30 in tests): the charges and a monitoring chart
      await rig.advance(context, 20 * 60_000)
      await nav('money.title')
      await page
        .getByRole('heading', { name: label('money.balanceHeading'), exact: true })
        .first()
        .waitFor()
      await page.getByRole('img', { name: label('money.chartTitle') }).waitFor()
      await screenshot(page, `billing-${lang}`)
      await nav('instances.title')
      await page.getByRole('link', { name: instanceId }).click()
      await page.getByRole('img', { name: label('instances.monitorChart') }).waitFor()
      // its volume and its network, as DescribeInstances tells them
      const attached = (await db.selectFrom('volumes').select('volume_id').where('owner', '=', userId).executeTakeFirstOrThrow()).volume_id
      await page
        .getByRole('table', { name: label('instances.volumes') })
        .getByRole('cell', { name: attached })
        .waitFor()
      await page
        .getByRole('table', { name: label('instances.networks') })
        .getByText('vxnet-0')
        .waitFor()
      await screenshot(page, `instance-${lang}`)

      // tear down: the instance, then its volume and EIP (kept when it goes), the group, the key pair
      await nav('instances.title')
      await select(instanceId)
      await act(page, 'instances.terminate')
      await until('the instance to be terminated', async () => (await db.selectFrom('instances').select('status').where('instance_id', '=', instanceId).executeTakeFirstOrThrow()).status === 'terminated')
      const volume = (await db.selectFrom('volumes').select('volume_id').where('owner', '=', userId).executeTakeFirstOrThrow()).volume_id
      const eip = (await db.selectFrom('eips').select('eip_id').where('owner', '=', userId).executeTakeFirstOrThrow()).eip_id
      await until('the volume and EIP to be free', async () => {
        const v = await db.selectFrom('volumes').select('status').where('volume_id', '=', volume).executeTakeFirstOrThrow()
        const e = await db.selectFrom('eips').select('status').where('eip_id', '=', eip).executeTakeFirstOrThrow()
        return v.status === 'available' && e.status === 'available'
      })
      await nav('volumes.title')
      await select(volume)
      await act(page, 'common.delete')
      await nav('eips.title')
      await select(eip)
      await act(page, 'eips.release')
      await nav('securitygroups.title')
      await select(sg)
      await act(page, 'common.delete')
      await nav('keypairs.title')
      await select(kp)
      await act(page, 'common.delete')
      await until('everything to be gone', async () => {
        const v = await db.selectFrom('volumes').select('status').where('volume_id', '=', volume).executeTakeFirstOrThrow()
        const e = await db.selectFrom('eips').select('status').where('eip_id', '=', eip).executeTakeFirstOrThrow()
        const groups = await db.selectFrom('security_groups').select('security_group_id').where('security_group_id', '=', sg).execute()
        const pairs = await db.selectFrom('keypairs').select('keypair_id').where('keypair_id', '=', kp).execute()
        return ['deleted', 'ceased'].includes(v.status) && ['released', 'ceased'].includes(e.status) && groups.length === 0 && pairs.length === 0
      })

      await page.getByRole('button', { name: label('common.userMenu') }).click()
      await page.getByRole('button', { name: label('common.signOut') }).click()
      await page.getByRole('heading', { name: label('account.signInTitle') }).waitFor()
      noErrors()
      await context.close()
    })
  })
}
