// Public addresses: what an import may reach. Every non-public range of IPv4 and IPv6 is refused,
// in every spelling that carries an IPv4 address inside IPv6.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isPublicAddress } from './public-address.ts'

describe('isPublicAddress', () => {
  it('refuses loopback, private, link-local, CGNAT, benchmarking, multicast, unspecified and reserved IPv4', () => {
    for (const address of [
      '127.0.0.1',
      '127.255.255.254',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '100.127.255.255',
      '0.0.0.0',
      '0.1.2.3',
      '198.18.0.1',
      '198.19.255.255',
      '224.0.0.1',
      '239.255.255.250',
      '240.0.0.1',
      '255.255.255.255',
      '192.0.2.1',
      '192.0.0.8',
    ])
      assert.equal(isPublicAddress(address), false, address)
  })

  it('allows public IPv4', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '100.63.255.255', '100.128.0.1', '172.15.0.1', '172.32.0.1', '198.17.0.1', '198.20.0.1', '223.255.255.255', '169.253.0.1']) {
      assert.equal(isPublicAddress(address), true, address)
    }
  })

  it('refuses non-public IPv6 and IPv6 forms of non-public IPv4 (mapped, NAT64, 6to4, compatible)', () => {
    for (const address of [
      '::',
      '::1',
      'fc00::1',
      'fd12:3456:789a::1',
      'fe80::1',
      'fe80::1%eth0',
      'febf::1',
      'fec0::1',
      'ff02::1',
      'ff0e::1',
      '2001:db8::1',
      '2001::1',
      '100::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:10.1.2.3',
      '::ffff:169.254.169.254',
      '::ffff:0.0.0.0',
      '::ffff:100.64.0.1',
      '::ffff:198.18.0.1',
      '64:ff9b::127.0.0.1',
      '64:ff9b::a9fe:a9fe',
      '2002:7f00:1::1',
      '2002:c0a8:101::1',
      '::127.0.0.1',
      '::10.0.0.1',
      '0:0:0:0:0:0:0:1',
    ])
      assert.equal(isPublicAddress(address), false, address)
  })

  it('allows global unicast IPv6 and IPv6 forms of public IPv4', () => {
    for (const address of ['2606:4700:4700::1111', '2a00:1450:4001::200e', '::ffff:8.8.8.8', '::ffff:808:808', '64:ff9b::8.8.8.8', '2002:808:808::1']) {
      assert.equal(isPublicAddress(address), true, address)
    }
  })

  it('is false for anything that is not an address', () => {
    for (const text of ['', 'localhost', 'example.com', '1.2.3', '::g']) assert.equal(isPublicAddress(text), false, text)
  })
})
