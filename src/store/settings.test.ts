// The settings facility on either database: a marker is written once, a switch is replaced, names
// are read one, many or by prefix, and the lock row exists once a transaction has taken it.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestStore } from '../../test/support/database.ts'
import { addSetting, addSettingsIfAbsent, deleteSetting, lockSettingRow, readSetting, readSettings, readSettingsStartingWith, writeSetting } from './settings.ts'
import type { Store } from './store.ts'

describe('store/settings.ts', () => {
  let store: Store
  let drop: () => Promise<void>
  before(async () => ({ store, drop } = await openTestStore()))
  after(async () => await drop())

  it('writeSetting replaces, readSetting answers undefined for a name never written, deleteSetting removes', async () => {
    assert.equal(await readSetting(store.db, 'probe_switch'), undefined)
    await writeSetting(store.db, 'probe_switch', 'true')
    await writeSetting(store.db, 'probe_switch', 'false')
    assert.equal(await readSetting(store.db, 'probe_switch'), 'false')
    await deleteSetting(store.db, 'probe_switch')
    assert.equal(await readSetting(store.db, 'probe_switch'), undefined)
  })

  it('addSetting writes a marker once: a second add of the name fails and keeps the first value', async () => {
    await addSetting(store.db, 'probe_seeded:a', '1')
    await assert.rejects(addSetting(store.db, 'probe_seeded:a', '2'))
    assert.equal(await readSetting(store.db, 'probe_seeded:a'), '1')
  })

  it('addSettingsIfAbsent adds the missing names only; readSettings and readSettingsStartingWith answer by name', async () => {
    await addSettingsIfAbsent(store.db, [
      { name: 'probe_seeded:a', value: 'x' },
      { name: 'probe_seeded:b', value: '2' },
    ])
    await addSettingsIfAbsent(store.db, [])
    assert.deepEqual(
      await readSettings(store.db, ['probe_seeded:a', 'probe_seeded:b', 'probe_seeded:c']),
      new Map([
        ['probe_seeded:a', '1'],
        ['probe_seeded:b', '2'],
      ]),
    )
    assert.deepEqual(await readSettings(store.db, []), new Map())
    await writeSetting(store.db, 'probe_other', 'z')
    assert.deepEqual(
      await readSettingsStartingWith(store.db, 'probe_seeded:'),
      new Map([
        ['probe_seeded:a', '1'],
        ['probe_seeded:b', '2'],
      ]),
    )
  })

  it('lockSettingRow makes the lock row inside the transaction and leaves an existing value alone', async () => {
    await store.db.transaction().execute(async (tx) => await lockSettingRow(tx, store.caps, 'lock:probe'))
    assert.equal(await readSetting(store.db, 'lock:probe'), '')
    await writeSetting(store.db, 'lock:probe', 'kept')
    await store.db.transaction().execute(async (tx) => await lockSettingRow(tx, store.caps, 'lock:probe'))
    assert.equal(await readSetting(store.db, 'lock:probe'), 'kept')
  })
})
