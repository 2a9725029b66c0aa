// Licensing at start-up (serve): the configured vendor key must be usable, and the configured
// license file (licenseFile) is loaded as LoadLicense would load it. What stops start-up, with a
// message naming the setting: an unusable key, an unreadable file, a certificate that is malformed,
// forged or for another platform. What does not: the file's certificate already loaded (every
// restart), or expired — a platform whose license ran out keeps serving within the unlicensed
// allowance (reads always work), rather than refusing to start and taking every tenant down.
import { readFileSync } from 'node:fs'
import { ApiError } from '../../errors.ts'
import type { Clock } from '../../lib/clock.ts'
import type { Store } from '../../store/store.ts'
import { currentLicense, loadLicense, type LicenseSettings } from './license-repo.ts'
import { vendorKey } from './vendor-key.ts'

export interface StartupLicense {
  /** One line for the log: what is in force now. */
  summary: string
  /** Set when the file's license had expired: worth a warning. */
  warning?: string
}

export async function loadLicenseAtStartup(store: Store, settings: LicenseSettings & { licenseFile: string }, clock: Clock): Promise<StartupLicense> {
  vendorKey(settings.licensePublicKey) // throws VendorKeyError with a message naming the setting
  let warning: string | undefined
  if (settings.licenseFile) {
    const where = `license file ${settings.licenseFile} (licenseFile, QINGLOCAL_LICENSE_FILE)`
    let text: string
    try {
      text = readFileSync(settings.licenseFile, 'utf8')
    } catch (error) {
      throw new Error(`${where} cannot be read: ${(error as Error).message}`)
    }
    try {
      await store.db.transaction().execute((db) => loadLicense(db, store.caps, text, settings, clock.now()))
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      if (error.errorName === 'LicenseExpired') warning = `${where}: ${error.detail}; serving without a valid license`
      else if (error.errorName !== 'LicenseAlreadyExisted') throw new Error(`${where}: ${error.message} (${error.code})`)
    }
  }
  const current = await currentLicense(store.db, settings.platformId, clock.now())
  const summary = current ? `licensed to ${current.licensee} for ${current.max_hosts} hosts until ${current.expires}` : `no valid license: up to ${settings.unlicensedHosts} hosts`
  return { summary, ...(warning && { warning }) }
}
