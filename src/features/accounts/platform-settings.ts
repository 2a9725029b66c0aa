// Platform settings an admin can change at run time (ModifyPlatformSettings): who may register,
// and how wrong login data is reported. Stored as settings (store/settings.ts); until an admin sets one, the
// configured value (QINGLOCAL_REGISTRATION, QINGLOCAL_LOGIN_ERRORS) applies.
import type { ActionSettings } from '../../protocol/action.ts'
import type { Queryable } from '../../store/database.ts'
import { readSettings, writeSetting } from '../../store/settings.ts'

export interface PlatformSettings {
  registration: ActionSettings['registration']
  login_errors: ActionSettings['loginErrors']
}

const KEYS = { registration: 'platform_registration', login_errors: 'platform_login_errors' } as const

export async function platformSettings(db: Queryable, configured: ActionSettings): Promise<PlatformSettings> {
  const stored = await readSettings(db, Object.values(KEYS))
  return {
    registration: (stored.get(KEYS.registration) as PlatformSettings['registration'] | undefined) ?? configured.registration,
    login_errors: (stored.get(KEYS.login_errors) as PlatformSettings['login_errors'] | undefined) ?? configured.loginErrors,
  }
}

export async function setPlatformSetting<K extends keyof PlatformSettings>(db: Queryable, key: K, value: PlatformSettings[K]): Promise<void> {
  await writeSetting(db, KEYS[key], value)
}
