// DescribeLicense (admin): the license in force and what it allows. `status` is valid (an
// unexpired license for this platform is loaded), expired (licenses were loaded, all have expired:
// `license` is the one that expired last) or none. `host_limit` is how many hosts the platform may
// have now: the unlicensed allowance, or the license's max_hosts when that is larger.
import Type from 'typebox'
import { type ActionSettings, defineAction } from '../../../protocol/action.ts'
import type { Queryable } from '../../../store/database.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { countHosts } from '../../hosts/host-repo.ts'
import { currentLicense, latestLicense, licenseView } from '../license-repo.ts'

export const describeLicense = defineAction({
  name: 'DescribeLicense',
  zone: 'none',
  params: Type.Object({}),
  async query(_params, ctx) {
    return await inSnapshot(ctx, (ctx) => licenseState(ctx.db, ctx.settings, ctx.clock.now()))
  },
})

/** DescribeLicense's data (also the control API's health): call it inside one snapshot for a consistent view. */
export async function licenseState(db: Queryable, settings: Pick<ActionSettings, 'platformId' | 'unlicensedHosts'>, now: Date) {
  const { platformId, unlicensedHosts } = settings
  const current = await currentLicense(db, platformId, now)
  const shown = current ?? (await latestLicense(db, platformId))
  return {
    status: current ? 'valid' : shown ? 'expired' : 'none',
    license: shown ? licenseView(shown) : null,
    platform_id: platformId,
    host_count: await countHosts(db),
    max_hosts: current?.max_hosts ?? 0,
    unlicensed_hosts: unlicensedHosts,
    host_limit: Math.max(unlicensedHosts, current?.max_hosts ?? 0),
  }
}
