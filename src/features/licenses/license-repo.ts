// Loaded licenses and the rules that use them. A certificate is checked in this order, so each
// refusal names the first thing wrong: readable and well-formed (4004) → signed by the trusted
// vendor key (4000) → for this platform (4004) → not expired (4001) → not loaded before (4002).
// The current license is the loaded, unexpired one for this platform with the latest expiry;
// licenses are never deleted (an expired one stays, so DescribeLicense can say it expired).
import { ApiError } from '../../errors.ts'
import { formatTime } from '../../lib/clock.ts'
import type { LicenseTable, Queryable, Tx } from '../../store/database.ts'
import type { Capabilities } from '../../store/dialects.ts'
import { lockSettingRow } from '../../store/settings.ts'
import { countHosts } from '../hosts/host-repo.ts'
import { CertificateError, verifyCertificate } from './certificate.ts'
import { KEY_SETTING, vendorKey, type VendorKeyError } from './vendor-key.ts'

/** The configuration licensing reads (part of ctx.settings). */
export interface LicenseSettings {
  platformId: string
  licensePublicKey: string
  unlicensedHosts: number
}

/** Largest certificate text accepted, in characters (a real one is well under 2 KB). */
export const MAX_CERTIFICATE_LENGTH = 16_384

/** Checks a certificate and stores it; answers the stored row. Throws 4000, 4001, 4002 or 4004. */
export async function loadLicense(db: Tx, caps: Capabilities, text: string, settings: LicenseSettings, now: Date): Promise<LicenseTable> {
  let key
  try {
    key = vendorKey(settings.licensePublicKey)
  } catch (error) {
    throw new ApiError('LoadLicenseFailed', (error as VendorKeyError).message)
  }
  if (!key) throw new ApiError('LoadLicenseFailed', `the platform trusts no license key, set ${KEY_SETTING}`)
  if (text.length > MAX_CERTIFICATE_LENGTH) throw new ApiError('LoadLicenseFailed', `the certificate is longer than ${MAX_CERTIFICATE_LENGTH} characters`)

  let certificate
  try {
    certificate = verifyCertificate(text, key)
  } catch (error) {
    if (!(error instanceof CertificateError)) throw error
    throw new ApiError(error.kind === 'signature' ? 'InvalidLicense' : 'LoadLicenseFailed', error.message)
  }
  const { license, license_id } = certificate
  if (license.platform_id !== settings.platformId) {
    throw new ApiError('LoadLicenseFailed', `the license is for platform [${license.platform_id}], this platform is [${settings.platformId}]`)
  }
  if (license.expires <= formatTime(now)) throw new ApiError('LicenseExpired', `the license for [${license.licensee}] expired at ${license.expires}`)

  const existing = await db.selectFrom('licenses').select('loaded_time').where('license_id', '=', license_id).executeTakeFirst()
  const already = () => new ApiError('LicenseAlreadyExisted', `license [${license_id}] is already loaded${existing ? ` (since ${existing.loaded_time})` : ''}`)
  if (existing) throw already()
  const row: LicenseTable = {
    license_id,
    licensee: license.licensee,
    platform_id: license.platform_id,
    issued: license.issued,
    expires: license.expires,
    max_hosts: license.max_hosts,
    features: JSON.stringify(license.features),
    certificate: text,
    loaded_time: formatTime(now),
  }
  try {
    await db.insertInto('licenses').values(row).execute()
  } catch (error) {
    // the same certificate loaded by a concurrent request (PostgreSQL) that committed first
    if (caps.isUniqueViolation(error)) throw already()
    throw error
  }
  return row
}

/** The license in force: unexpired, for this platform, the latest expiry. */
export async function currentLicense(db: Queryable, platformId: string, now: Date): Promise<LicenseTable | undefined> {
  return db.selectFrom('licenses').selectAll().where('platform_id', '=', platformId).where('expires', '>', formatTime(now)).orderBy('expires', 'desc').orderBy('license_id').limit(1).executeTakeFirst()
}

/** The loaded license for this platform that expires last, expired or not. */
export async function latestLicense(db: Queryable, platformId: string): Promise<LicenseTable | undefined> {
  return db.selectFrom('licenses').selectAll().where('platform_id', '=', platformId).orderBy('expires', 'desc').orderBy('license_id').limit(1).executeTakeFirst()
}

/** A license row on the wire (without the certificate text). */
export function licenseView(row: LicenseTable) {
  return {
    license_id: row.license_id,
    licensee: row.licensee,
    platform_id: row.platform_id,
    issued: row.issued,
    expires: row.expires,
    max_hosts: row.max_hosts,
    features: JSON.parse(row.features) as string[],
    loaded_time: row.loaded_time,
  }
}

/** The settings row that serialises host additions (no schema change needed for a lock row). */
const HOSTS_LOCK = 'lock:host_count'

/**
 * Throws unless the platform may grow by `adding` hosts: up to `unlicensedHosts` in total
 * (every zone, draining hosts included) needs no license; beyond that a valid license is needed
 * (4005) and the total must stay within its max_hosts (4003). A license never lowers the
 * unlicensed allowance. Holds a lock row until the transaction ends, so parallel AddHosts on
 * PostgreSQL cannot both take the last licensed place.
 */
export async function requireHostAllowance(db: Tx, caps: Capabilities, settings: LicenseSettings, now: Date, adding: number): Promise<void> {
  await lockSettingRow(db, caps, HOSTS_LOCK)
  const count = await countHosts(db)
  const total = count + adding
  if (total <= settings.unlicensedHosts) return
  const license = await currentLicense(db, settings.platformId, now)
  if (!license) {
    const latest = await latestLicense(db, settings.platformId)
    const why = latest ? `the license for [${latest.licensee}] expired at ${latest.expires}` : 'no license is loaded'
    throw new ApiError('LicenseNotFound', `${why}: without a license the platform may have ${settings.unlicensedHosts} hosts, it has ${count} and would have ${total}; load one with LoadLicense`)
  }
  if (total > license.max_hosts) {
    throw new ApiError('LicenseOutOfLimit', `the license for [${license.licensee}] allows ${license.max_hosts} hosts, the platform has ${count} and would have ${total}`)
  }
}

/**
 * Throws unless new instances may be placed: a platform within the unlicensed allowance always
 * may; a larger one (grown under a license) only while a valid license covers its hosts. An
 * expired license (4001) or none (4005) stops new placements, never what already runs; a
 * license smaller than the platform (4003) too. RunInstances and cluster nodes both check it.
 */
export async function requirePlacementLicense(db: Queryable, settings: LicenseSettings, now: Date): Promise<void> {
  const count = await countHosts(db)
  if (count <= settings.unlicensedHosts) return
  const beyond = `the platform has ${count} hosts, ${settings.unlicensedHosts} are allowed without a license`
  const license = await currentLicense(db, settings.platformId, now)
  if (!license) {
    const latest = await latestLicense(db, settings.platformId)
    if (latest) throw new ApiError('LicenseExpired', `the license for [${latest.licensee}] expired at ${latest.expires}: ${beyond}, no new instances can be placed until a valid license is loaded`)
    throw new ApiError('LicenseNotFound', `no license is loaded: ${beyond}, no new instances can be placed until one is loaded with LoadLicense`)
  }
  if (count > license.max_hosts) {
    throw new ApiError('LicenseOutOfLimit', `the license for [${license.licensee}] allows ${license.max_hosts} hosts and the platform has ${count}: no new instances can be placed until hosts are removed or a larger license is loaded`)
  }
}
