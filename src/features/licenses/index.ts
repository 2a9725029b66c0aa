// Licenses (issue 6 item 1): a license is a certificate, `{ "license": {...}, "signature": "…" }`,
// where the license names licensee, platform_id, issued, expires, max_hosts and features, and the
// signature is Ed25519 over its canonical JSON (keys sorted, no whitespace; certificate.ts).
// `qinglocal license keygen` makes a vendor key pair, `qinglocal license issue` signs a license.
//
// The trusted vendor key is config licensePublicKey (QINGLOCAL_LICENSE_PUBLIC_KEY): inline PEM when
// the value contains `-----BEGIN` (line breaks may be written `\n`), otherwise the path of a PEM
// file, read on each use. Unset: no license can be loaded (4004). A private key is refused.
// licenseFile (QINGLOCAL_LICENSE_FILE) is loaded at start-up (license-file.ts).
//
// Rules: forged or another key's signature → 4000; expired (ctx.clock) → 4001; already loaded →
// 4002; unreadable, malformed or for another platformId → 4004. The license in force is the
// unexpired one for this platform with the latest expiry. Hosts (every zone, draining included)
// may number up to unlicensedHosts without a license; more need one (4005) and must fit its
// max_hosts (4003). `features` are stored and shown, nothing checks them yet.
//
// Limitations: licenses cannot be unloaded; a license is verified when loaded, not again when used
// (a changed vendor key does not revoke what was loaded with the old one); there is no revocation
// list; only host count is licensed.
import type { Action } from '../../protocol/action.ts'
import { describeLicense } from './actions/describe-license.ts'
import { loadLicenseAction } from './actions/load-license.ts'

/** Module /admin/. */
export const licenseAdminActions: Action[] = [loadLicenseAction, describeLicense]
