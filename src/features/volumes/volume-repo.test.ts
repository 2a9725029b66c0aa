import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestApp, type TestApp } from '../../../test/support/harness.ts'
import { insertInstance, insertVolume } from '../../../test/support/fixtures.ts'
import { detachAllFromInstances, volumesOfInstances } from './volume-repo.ts'

let t: TestApp
before(async () => (t = await startTestApp()))
after(() => t.close())

const attachment = (id: string) => t.store.db.selectFrom('volumes').select(['status', 'transition_status', 'instance_id', 'device', 'status_time']).where('volume_id', '=', id).executeTakeFirstOrThrow()

describe('volume-repo', () => {
  it('volumesOfInstances lists attached and attaching volumes per instance, never deleted ones', async () => {
    const a = await insertInstance(t)
    const b = await insertInstance(t)
    const idle = await insertInstance(t)
    const vdc = await insertVolume(t, { instance_id: a.instance_id, device: '/dev/vdc', status: 'in-use' })
    const vdb = await insertVolume(t, { instance_id: a.instance_id, device: '/dev/vdb', status: 'in-use', transition_status: 'detaching' })
    const attaching = await insertVolume(t, { instance_id: b.instance_id, device: '/dev/vdb', transition_status: 'attaching' })
    await insertVolume(t, { instance_id: b.instance_id, device: '/dev/vdc', status: 'deleted' })
    await insertVolume(t) // unattached

    const map = await volumesOfInstances(t.store.db, [a.instance_id, b.instance_id, idle.instance_id])
    assert.deepEqual(
      map,
      new Map([
        [a.instance_id, [vdb.volume_id, vdc.volume_id]],
        [b.instance_id, [attaching.volume_id]],
        [idle.instance_id, []],
      ]),
    )
    assert.deepEqual(await volumesOfInstances(t.store.db, []), new Map())
  })

  it('detachAllFromInstances makes the volumes available and drops unsettled attachments', async () => {
    const gone = await insertInstance(t)
    const other = await insertInstance(t)
    const inUse = await insertVolume(t, { instance_id: gone.instance_id, device: '/dev/vdb', status: 'in-use' })
    const detaching = await insertVolume(t, { instance_id: gone.instance_id, device: '/dev/vdc', status: 'in-use', transition_status: 'detaching' })
    const attaching = await insertVolume(t, { instance_id: gone.instance_id, device: '/dev/vdd', transition_status: 'attaching' })
    const elsewhere = await insertVolume(t, { instance_id: other.instance_id, device: '/dev/vdb', status: 'in-use' })
    t.clock.advance(60_000)

    await detachAllFromInstances(t.store.db, [gone.instance_id], t.clock.now())

    const released = { status: 'available', transition_status: '', instance_id: '', device: '' }
    for (const v of [inUse, detaching]) assert.deepEqual(await attachment(v.volume_id), { ...released, status_time: '2026-01-15T08:01:00Z' })
    // it never left `available`, so its status time stays
    assert.deepEqual(await attachment(attaching.volume_id), { ...released, status_time: '2026-01-15T08:00:00Z' })
    assert.deepEqual(await attachment(elsewhere.volume_id), { status: 'in-use', transition_status: '', instance_id: other.instance_id, device: '/dev/vdb', status_time: '2026-01-15T08:00:00Z' })
    assert.deepEqual((await volumesOfInstances(t.store.db, [gone.instance_id])).get(gone.instance_id), [])
  })
})
