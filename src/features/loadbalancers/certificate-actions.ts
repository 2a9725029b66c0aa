// The load-balancer actions of one part: server certificates.
//
// A server certificate (sc-…) is what an https listener presents. CreateServerCertificate (a POST
// with a form body, as both SDKs send it; GET works too) takes `certificate_content`: the server's
// PEM certificate, then any chain certificates, nothing else; and `private_key`: one unencrypted PEM
// key (PKCS#1, SEC1 or PKCS#8). Both are parsed with Node's crypto (OpenSSL) and the key must be the
// certificate's: each failure is 1100 naming the problem, nothing stored. An expired certificate is
// accepted (QingCloud stores it). The key is sealed with the master key in the store and opened for
// DescribeServerCertificates, which returns it as the docs do. Modify changes the name and
// description only. A certificate a listener presents cannot be deleted (5400 naming the listener).
// Certificates are free, untaggable and have no quota.
//
// Limitations: the chain's order and signatures are not verified (the first certificate must match
// the key; the rest only have to parse), nor is the certificate's host name or expiry checked.
import type { Action } from '../../protocol/action.ts'
import { createServerCertificate } from './actions/create-server-certificate.ts'
import { deleteServerCertificates } from './actions/delete-server-certificates.ts'
import { describeServerCertificates } from './actions/describe-server-certificates.ts'
import { modifyServerCertificateAttributes } from './actions/modify-server-certificate-attributes.ts'

export const certificateActions: Action[] = [createServerCertificate, describeServerCertificates, modifyServerCertificateAttributes, deleteServerCertificates]
