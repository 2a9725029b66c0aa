// LoadLicense (admin): checks a license certificate (the text `qinglocal license issue` printed)
// against the vendor key the platform trusts and stores it. The reply is the license as loaded and
// whether it is now the one in force (a license that expires sooner than the current one is kept,
// but the current one stays in force). Refusals: 4000 forged, 4001 expired, 4002 already loaded,
// 4004 unreadable, malformed or for another platform (or no trusted key configured).
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Str } from '../../../protocol/params.ts'
import { currentLicense, licenseView, loadLicense, MAX_CERTIFICATE_LENGTH } from '../license-repo.ts'

export const loadLicenseAction = defineAction({
  name: 'LoadLicense',
  zone: 'none',
  // one character more than loadLicense accepts, so an over-long text is a 4004 naming the length
  params: Type.Object({ license: Str({ maxLength: MAX_CERTIFICATE_LENGTH + 1 }) }),
  async handle({ license }, ctx) {
    const now = ctx.clock.now()
    const row = await loadLicense(ctx.db, ctx.caps, license, ctx.settings, now)
    const current = await currentLicense(ctx.db, ctx.settings.platformId, now)
    return { license: licenseView(row), in_force: current?.license_id === row.license_id ? 1 : 0 }
  },
})
