// ModifyPlatformSettings: changes take effect with the next request and outlive restarts (they are
// stored, and win over the configuration). Settings not given keep their value; the reply shows all.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { OneOf, Optional } from '../../../protocol/params.ts'
import { platformSettings, setPlatformSetting, type PlatformSettings } from '../../accounts/platform-settings.ts'

export const modifyPlatformSettings = defineAction({
  name: 'ModifyPlatformSettings',
  zone: 'none',
  params: Type.Object({
    registration: Optional(OneOf(['open', 'invite', 'closed'] as const)),
    login_errors: Optional(OneOf(['generic', 'detailed'] as const)),
  }),
  async handle(params, ctx) {
    if (params.registration) await setPlatformSetting(ctx.db, 'registration', params.registration as PlatformSettings['registration'])
    if (params.login_errors) await setPlatformSetting(ctx.db, 'login_errors', params.login_errors as PlatformSettings['login_errors'])
    return { ...(await platformSettings(ctx.db, ctx.settings)) }
  },
})
