// Rows written straight to the store, for tests of one feature that need another feature's
// resources in a given state (an instance for AttachVolumes, a stopped one for CaptureInstance)
// without running that feature's actions.
import { formatTime } from '../../src/lib/clock.ts'
import type { InstanceTable, VolumeTable } from '../../src/store/database.ts'
import type { TestApp } from './harness.ts'

let counter = 0
const nextId = (prefix: string) => `${prefix}-fx${String(++counter).padStart(6, '0')}`

/** A running c1m1 instance row of centos79x64 in pek3a owned by the test user, unless overridden (not written). */
export function instanceRow(t: TestApp, overrides: Partial<InstanceTable> = {}): InstanceTable {
  const time = formatTime(t.clock.now())
  return {
    instance_id: nextId('i'),
    zone_id: 'pek3a',
    owner: t.user.user_id,
    instance_name: 'fixture',
    description: null,
    instance_type: 'c1m1',
    instance_class: 0,
    vcpus_current: 1,
    memory_current: 1024,
    image_id: 'centos79x64',
    os_disk_size: 20,
    os_disk_encryption: 0,
    login_mode: 'passwd',
    hostname: 'fixture',
    host_machine: '',
    cpu_model: 'Westmere',
    graphics_passwd: '',
    security_group_id: '',
    status: 'running',
    transition_status: '',
    create_time: time,
    status_time: time,
    ...overrides,
  }
}

/** instanceRow(), written straight to the store. */
export async function insertInstance(t: TestApp, overrides: Partial<InstanceTable> = {}): Promise<InstanceTable> {
  const row = instanceRow(t, overrides)
  await t.store.db.insertInto('instances').values(row).execute()
  return row
}

/** An available 20 GB performance volume in pek3a owned by the test user, unless overridden. */
export async function insertVolume(t: TestApp, overrides: Partial<VolumeTable> = {}): Promise<VolumeTable> {
  const time = formatTime(t.clock.now())
  const row: VolumeTable = {
    volume_id: nextId('vol'),
    zone_id: 'pek3a',
    owner: t.user.user_id,
    volume_name: 'fixture',
    description: null,
    size: 20,
    volume_type: 0,
    encryption: 0,
    cipher_alg: '',
    instance_id: '',
    device: '',
    status: 'available',
    transition_status: '',
    create_time: time,
    status_time: time,
    ...overrides,
  }
  await t.store.db.insertInto('volumes').values(row).execute()
  return row
}
