// The vendor's public key the platform trusts (config licensePublicKey): inline PEM when the value
// contains a PEM header, otherwise the path of a PEM file. Inline PEM may carry its line breaks as
// literal `\n` (the usual way to put a PEM into one environment variable). The file is read on
// every use, so an operator can replace it without a restart; LoadLicense is rare enough.
import { readFileSync } from 'node:fs'
import type { KeyObject } from 'node:crypto'
import { ed25519PublicKey } from './certificate.ts'

export const KEY_SETTING = 'licensePublicKey (QINGLOCAL_LICENSE_PUBLIC_KEY, license_public_key)'

export class VendorKeyError extends Error {}

/** The trusted key, or undefined when none is configured; throws VendorKeyError when it cannot be used. */
export function vendorKey(setting: string): KeyObject | undefined {
  const value = setting.trim()
  if (value === '') return undefined
  let pem: string
  let where: string
  if (value.includes('-----BEGIN')) {
    pem = value.replaceAll('\\n', '\n')
    where = `${KEY_SETTING} (inline PEM)`
  } else {
    where = `${KEY_SETTING} file ${value}`
    try {
      pem = readFileSync(value, 'utf8')
    } catch (error) {
      throw new VendorKeyError(`${where} cannot be read: ${(error as Error).message}`)
    }
  }
  try {
    return ed25519PublicKey(pem)
  } catch (error) {
    throw new VendorKeyError(`${where} is not an Ed25519 public key in PEM: ${(error as Error).message}`)
  }
}
