// DescribePlatformSettings: who may register and how wrong login data is reported, as in force now
// (an admin's choice, or the configured default until one is made).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { platformSettings } from '../../accounts/platform-settings.ts'

export const describePlatformSettings = defineAction({
  name: 'DescribePlatformSettings',
  zone: 'none',
  params: Type.Object({}),
  async query(_params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      return { ...(await platformSettings(ctx.db, ctx.settings)) }
    })
  },
})
