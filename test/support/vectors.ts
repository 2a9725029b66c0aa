// The signature test vectors: those recorded from the real Python SDK and CLI
// (test/fixtures/signature-vectors.json) and TV-1…TV-5 of the API reference, section 1.5.
import { readFileSync } from 'node:fs'

export interface RecordedVector {
  name: string
  method: 'GET' | 'POST'
  path: string
  query: string
  body: string
  content_type: string | null
  params: Record<string, string>
  string_to_sign: string
  signature: string
}

export function recordedVectors(): { access_key_id: string; secret_access_key: string; vectors: RecordedVector[] } {
  return JSON.parse(readFileSync(new URL('../fixtures/signature-vectors.json', import.meta.url), 'utf8'))
}

export interface ReferenceVector {
  name: string
  secret: string
  method: string
  path: string
  params: Record<string, string>
  canonical?: string
  signature: string
}

const tv1Params = {
  access_key_id: 'QYACCESSKEYIDEXAMPLE',
  action: 'RunInstances',
  count: '1',
  image_id: 'centos64x86a',
  instance_name: 'demo',
  instance_type: 'small_b',
  login_mode: 'passwd',
  login_passwd: 'QingCloud20130712',
  signature_method: 'HmacSHA256',
  signature_version: '1',
  time_stamp: '2013-08-27T14:30:10Z',
  version: '1',
  'vxnets.1': 'vxnet-0',
  zone: 'pek3a',
}

const tv5Params = {
  access_key_id: 'QYACCESSKEYIDEXAMPLE',
  action: 'ModifyInstanceAttributes',
  description: 'a+b=c&d',
  instance: 'i-abcd1234',
  instance_name: 'web 01/é~*',
  signature_method: 'HmacSHA256',
  signature_version: '1',
  time_stamp: '2013-08-27T14:30:10Z',
  version: '1',
  zone: 'pek3a',
}

export const referenceVectors: ReferenceVector[] = [
  {
    name: 'TV-1 docs signature page',
    secret: 'SECRETACCESSKEY',
    method: 'GET',
    path: '/iaas/',
    params: tv1Params,
    canonical:
      'access_key_id=QYACCESSKEYIDEXAMPLE&action=RunInstances&count=1&image_id=centos64x86a&instance_name=demo&instance_type=small_b&login_mode=passwd&login_passwd=QingCloud20130712&signature_method=HmacSHA256&signature_version=1&time_stamp=2013-08-27T14%3A30%3A10Z&version=1&vxnets.1=vxnet-0&zone=pek3a',
    signature: 'byjccvWIvAftaq+oublemagH3bYAlDWxxLFAzAsyslw=',
  },
  {
    name: 'TV-1 SHA-1 variant',
    secret: 'SECRETACCESSKEY',
    method: 'GET',
    path: '/iaas/',
    params: { ...tv1Params, signature_method: 'HmacSHA1' },
    signature: 'J6HXH2ms54sgN+hVb2Hli8M9IQM=',
  },
  {
    name: 'TV-2 Go SDK TestSigner1',
    secret: 'SECRETACCESSKEY',
    method: 'GET',
    path: '/iaas/',
    params: { ...tv1Params, zone: 'pek1' },
    signature: '32bseYy39DOlatuewpeuW5vpmW51sD1A/JdGynqSpP8=',
  },
  {
    name: 'TV-3 Go SDK TestSigner0 (path /iaas, no version, no zone)',
    secret: 'ENV_SECRET_ACCESS_KEY',
    method: 'GET',
    path: '/iaas',
    params: {
      access_key_id: 'ENV_ACCESS_KEY_ID',
      action: 'DescribeInstance',
      'instance.0': 'i-xxxxxxxx',
      signature_method: 'HmacSHA256',
      signature_version: '1',
      time_stamp: '0001-01-01T00:00:00Z',
      verbose: '1',
    },
    canonical: 'access_key_id=ENV_ACCESS_KEY_ID&action=DescribeInstance&instance.0=i-xxxxxxxx&signature_method=HmacSHA256&signature_version=1&time_stamp=0001-01-01T00%3A00%3A00Z&verbose=1',
    signature: 'ZHa2iQ8PeyP1ktMF9C+DjOQBl537ti9RnYZ1Qqr6KRg=',
  },
  {
    name: 'TV-5 encoding edge cases, GET',
    secret: 'SECRETACCESSKEY',
    method: 'GET',
    path: '/iaas/',
    params: tv5Params,
    canonical:
      'access_key_id=QYACCESSKEYIDEXAMPLE&action=ModifyInstanceAttributes&description=a%2Bb%3Dc%26d&instance=i-abcd1234&instance_name=web%2001%2F%C3%A9~%2A&signature_method=HmacSHA256&signature_version=1&time_stamp=2013-08-27T14%3A30%3A10Z&version=1&zone=pek3a',
    signature: 'fJZpVVU5HhA4+cCK+QcaUSdU7ZIAO77FsPArpejkxHg=',
  },
  {
    name: 'TV-5 encoding edge cases, POST',
    secret: 'SECRETACCESSKEY',
    method: 'POST',
    path: '/iaas/',
    params: tv5Params,
    signature: 'NssfkQc500MZ1ep3LDON+xi6c0yNs920w92ZPDRcxE8=',
  },
]

/** TV-4: the App API variant (base64url, no padding) over a plain message. */
export const appVector = {
  secret: 'CXikZWDoRkttCO8Y7XXhRTtMxiUFSr7ZePO1tGQP',
  message: 'some string to sign',
  signature: '-xmepZZrlRW9dOgO3KA9MY8rgOjLvfSedNEPXsxrpcQ',
}
