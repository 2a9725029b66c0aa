// What a router static is and the checks every static passes, whether added (AddRouterStatics,
// CopyRouterStatics copies checked rows), or changed (ModifyRouterStaticAttributes re-checks the
// static as it will be). Every message names the parameter as the client wrote it (`statics.2.val1`,
// or `val1` for a modify). Reference §4:
//
// | type | val1 | val2 | val3 | val4 | val5 | val6 |
// | 1 port forwarding | source port | target IPv4 | target port | tcp/udp (tcp) | – | – |
// | 2 VPN openvpn | openvpn (default) | port (1194) | udp/tcp (udp) | client network 10.255.x.0/24 (allocated) | auth 1/2/3 (1) | – |
// | 2 VPN pptp | pptp | user:password (optional: accounts are entries too) | max connections 1–253 (100) | client network | – | – |
// | 2 VPN l2tp | l2tp | user:password (optional) | IPsec PSK | client network | port (1701) | – |
// | 3 DHCP option | instance id | key=value;key=value | – | – | – | – |
// | 4 L2 GRE | gre|remote-ip|key[;gre|remote-ip|key…] | – | – | – | – | – |
// | 5 filtering | source IP/CIDR | source port | target IP/CIDR | target port | priority 0–100 (1) | accept/drop (accept) |
// | 6 L3 GRE | remote-ip|key|local-p2p-ip|peer-p2p-ip | target networks, |-separated | – | – | – | – |
// | 7 IPsec | remote-ip|alg|key[|device-id] | local networks | target networks | main/aggrmode (main) | – | – |
// | 8 private DNS | domain name | ip1;ip2 | – | – | – | – |
//
// Values a type does not use must be empty; val7–val9 are kept as given (the Go SDK models them).
// Entries (AddRouterStaticEntries) belong to VPN statics (val1 user, val2 password), L3 GRE
// (val1 a target network) and IPsec (val1 local, val2 target network, at least one).
import { ApiError } from '../../errors.ts'
import { stateRule } from '../resources/guards.ts'
import { blank, integerIn as checkedInteger, isIpv4, isIpv4Cidr } from '../resources/wire-values.ts'
import type { RouterStaticEntryTable, RouterStaticTable, RouterTable } from '../../store/database.ts'

export const STATIC_TYPE_NAMES: Record<number, string> = {
  1: 'port forwarding',
  2: 'VPN',
  3: 'DHCP option',
  4: 'L2 GRE tunnel',
  5: 'filtering',
  6: 'L3 GRE tunnel',
  7: 'IPsec tunnel',
  8: 'private DNS',
}

export const VAL_FIELDS = ['val1', 'val2', 'val3', 'val4', 'val5', 'val6', 'val7', 'val8', 'val9'] as const
export type ValField = (typeof VAL_FIELDS)[number]

/** A static's checked content, the way it is stored ('' for an absent value). */
export type StaticContent = Pick<RouterStaticTable, 'router_static_name' | 'static_type' | 'vxnet_id' | 'disabled' | ValField>

/** Wire name of each field: `statics.1.val1` for AddRouterStatics, `val1` for a modify. */
export type FieldNames = (field: ValField | 'static_type') => string

/** val1–val9, each from `value`. */
export function mapVals(value: (field: ValField) => string): Record<ValField, string> {
  return {
    val1: value('val1'),
    val2: value('val2'),
    val3: value('val3'),
    val4: value('val4'),
    val5: value('val5'),
    val6: value('val6'),
    val7: value('val7'),
    val8: value('val8'),
    val9: value('val9'),
  }
}

/** val1–val9 as given, blank ones empty. */
export const valsOf = (source: Partial<Record<ValField, string | undefined>>) => mapVals((field) => blank(source[field]))

const invalid = (message: string) => new ApiError('InvalidRequestFormat', message)
const typeLabel = (type: number) => `static_type ${type} (${STATIC_TYPE_NAMES[type]})`

function port(value: string, name: string): string {
  return integerIn(value, name, 1, 65535, 'port')
}

/** A bounded integer as it is stored: its decimal text (`022` → `22`). */
function integerIn(value: string, name: string, min: number, max: number, what: string): string {
  return String(checkedInteger(value, name, min, max, what))
}

function ipv4(value: string, name: string, what: string): string {
  if (!isIpv4(value)) throw invalid(`parameter ${name} value ${value} is not a valid ${what}, it should be an IPv4 address (like 192.168.1.2)`)
  return value
}

function oneOf(value: string, name: string, values: readonly string[]): string {
  if (!values.includes(value)) throw invalid(`parameter ${name} value ${value} is not supported, it should be one of ${values.join(', ')}`)
  return value
}

function networks(value: string, name: string, separator: string): string {
  for (const part of value.split(separator)) {
    if (!isIpv4Cidr(part)) throw invalid(`parameter ${name} value ${value} is not a list of IPv4 networks (like 192.168.1.0/24${separator}10.0.0.0/16), [${part}] is not one`)
  }
  return value
}

/** The network a VPN service gives its clients: 10.255.x.0/24. */
export const VPN_NETWORK = /^10\.255\.(\d{1,3})\.0\/24$/
export const vpnNetwork = (x: number) => `10.255.${x}.0/24`

function vpnNetworkIndex(value: string): number | undefined {
  const m = VPN_NETWORK.exec(value)
  if (!m || Number(m[1]) > 255 || String(Number(m[1])) !== m[1]) return undefined
  return Number(m[1])
}

/**
 * The client networks the router's other VPN statics use. An explicit val4 must not be one of
 * them; an absent one gets the first free 10.255.x.0/24. The set grows as statics are checked, so
 * one request's statics get distinct networks too.
 */
export type UsedVpnNetworks = Set<string>

const USED: Record<number, readonly ValField[]> = {
  1: ['val1', 'val2', 'val3', 'val4'],
  2: ['val1', 'val2', 'val3', 'val4', 'val5'],
  3: ['val1', 'val2'],
  4: ['val1'],
  5: ['val1', 'val2', 'val3', 'val4', 'val5', 'val6'],
  6: ['val1', 'val2'],
  7: ['val1', 'val2', 'val3', 'val4'],
  8: ['val1', 'val2'],
}

export const INSTANCE_ID = /^i-[0-9a-z]{1,32}$/
const DHCP_KEY = /^[A-Za-z0-9][A-Za-z0-9-]*$/
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/

/**
 * Throws 1100 naming the first bad field; returns the static with values normalised (`022` → `22`)
 * and defaults filled in (a type-1 static without val4 reads back `tcp`, as terraform's test expects).
 */
export function checkStatic(s: StaticContent, names: FieldNames, usedVpn: UsedVpnNetworks): StaticContent {
  const type = s.static_type
  const used = USED[type]
  if (!used)
    throw invalid(`parameter ${names('static_type')} value ${type} is not supported, it should be one of 1 (port forwarding), 2 (VPN), 3 (DHCP option), 4 (L2 GRE tunnel), 5 (filtering), 6 (L3 GRE tunnel), 7 (IPsec tunnel), 8 (private DNS)`)
  const v = { ...s }
  const need = (field: ValField, what: string) => {
    if (v[field] === '') throw invalid(`missing parameter ${names(field)}, ${typeLabel(type)} needs ${what}`)
    return v[field]
  }
  const notUsed = (field: ValField, why: string) => {
    if (v[field] !== '') throw invalid(`parameter ${names(field)} is not used by ${why}`)
  }
  for (const field of ['val1', 'val2', 'val3', 'val4', 'val5', 'val6'] as const) if (!used.includes(field)) notUsed(field, typeLabel(type))

  switch (type) {
    case 1:
      v.val1 = port(need('val1', 'the source port'), names('val1'))
      v.val2 = ipv4(need('val2', 'the target IP'), names('val2'), 'target IP')
      v.val3 = port(need('val3', 'the target port'), names('val3'))
      v.val4 = oneOf(v.val4 || 'tcp', names('val4'), ['tcp', 'udp'])
      break
    case 2: {
      const kind = oneOf(v.val1 || 'openvpn', names('val1'), ['openvpn', 'pptp', 'l2tp'])
      v.val1 = kind
      if (kind === 'openvpn') {
        v.val2 = port(v.val2 || '1194', names('val2'))
        v.val3 = oneOf(v.val3 || 'udp', names('val3'), ['udp', 'tcp'])
        v.val5 = oneOf(v.val5 || '1', names('val5'), ['1', '2', '3'])
      } else {
        if (v.val2 !== '') account(v.val2, names('val2'))
        if (kind === 'pptp') {
          v.val3 = integerIn(v.val3 || '100', names('val3'), 1, 253, 'number of connections')
          notUsed('val5', 'a pptp VPN (val5 is the port of an l2tp VPN or the authentication of an openvpn one)')
        } else {
          need('val3', 'the IPsec pre-shared key of an l2tp VPN')
          v.val5 = port(v.val5 || '1701', names('val5'))
        }
      }
      if (v.val4 === '') {
        let x = 0
        while (x < 256 && usedVpn.has(vpnNetwork(x))) x++
        if (x === 256) throw invalid(`parameter ${names('val4')} is missing and every VPN client network 10.255.x.0/24 of the router is taken`)
        v.val4 = vpnNetwork(x)
      } else {
        const x = vpnNetworkIndex(v.val4)
        if (x === undefined) throw invalid(`parameter ${names('val4')} value ${v.val4} is not a valid VPN client network, it should be 10.255.x.0/24 with x from 0 to 255`)
        v.val4 = vpnNetwork(x)
        if (usedVpn.has(v.val4)) throw invalid(`parameter ${names('val4')} value ${v.val4} is already the client network of another VPN static of the router`)
      }
      usedVpn.add(v.val4)
      break
    }
    case 3: {
      const instance = need('val1', 'the instance id')
      if (!INSTANCE_ID.test(instance)) throw invalid(`parameter ${names('val1')} value ${instance} is not an instance id (like i-abcd1234)`)
      const options = need('val2', 'the options, key=value;key=value')
      for (const option of options.split(';')) {
        const at = option.indexOf('=')
        if (at < 1 || !DHCP_KEY.test(option.slice(0, at)) || option.slice(at + 1) === '')
          throw invalid(`parameter ${names('val2')} value ${options} is not a list of DHCP options (like domain-name-servers=8.8.8.8;fixed-address=192.168.1.5), [${option}] is not key=value`)
      }
      break
    }
    case 4:
      for (const tunnel of need('val1', 'the tunnels, gre|remote-ip|key joined by ;').split(';')) {
        const parts = tunnel.split('|')
        if (parts.length !== 3 || parts[0] !== 'gre' || !isIpv4(parts[1]!))
          throw invalid(`parameter ${names('val1')} value ${v.val1} is not a list of L2 GRE tunnels (like gre|1.2.3.4|key;gre|5.6.7.8|key), [${tunnel}] is not gre|remote-ip|key`)
      }
      break
    case 5:
      for (const field of ['val1', 'val3'] as const) {
        if (v[field] !== '' && !isIpv4(v[field]) && !isIpv4Cidr(v[field])) throw invalid(`parameter ${names(field)} value ${v[field]} is not an IPv4 address or network (like 10.0.0.0/8)`)
      }
      for (const field of ['val2', 'val4'] as const) if (v[field] !== '') v[field] = port(v[field], names(field))
      v.val5 = integerIn(v.val5 || '1', names('val5'), 0, 100, 'priority')
      v.val6 = oneOf(v.val6 || 'accept', names('val6'), ['accept', 'drop'])
      break
    case 6: {
      const tunnel = need('val1', 'the tunnel, remote-ip|key|local-p2p-ip|peer-p2p-ip')
      const parts = tunnel.split('|')
      if (parts.length !== 4 || !isIpv4(parts[0]!) || !isIpv4(parts[2]!) || !isIpv4(parts[3]!))
        throw invalid(`parameter ${names('val1')} value ${tunnel} is not an L3 GRE tunnel, it should be remote-ip|key|local-p2p-ip|peer-p2p-ip with IPv4 addresses`)
      if (v.val2 !== '') networks(v.val2, names('val2'), '|')
      break
    }
    case 7: {
      const tunnel = need('val1', 'the tunnel, remote-ip|alg|key|remote-device-id')
      const parts = tunnel.split('|')
      if (parts.length < 3 || parts.length > 4 || !isIpv4(parts[0]!) || parts[2] === '')
        throw invalid(`parameter ${names('val1')} value ${tunnel} is not an IPsec tunnel, it should be remote-ip|alg|key|remote-device-id (remote-ip an IPv4 address, 0.0.0.0 for any; a key; alg and device id may be empty)`)
      for (const field of ['val2', 'val3'] as const) if (v[field] !== '') networks(v[field], names(field), '|')
      v.val4 = oneOf(v.val4 || 'main', names('val4'), ['main', 'aggrmode'])
      break
    }
    case 8: {
      const name = need('val1', 'the private domain name')
      if (name.length > 253 || !name.split('.').every((label) => DOMAIN_LABEL.test(label))) throw invalid(`parameter ${names('val1')} value ${name} is not a valid domain name (like node1 or db.internal)`)
      for (const ip of need('val2', 'the addresses, ip1;ip2').split(';')) {
        if (!isIpv4(ip)) throw invalid(`parameter ${names('val2')} value ${v.val2} is not a list of IPv4 addresses (like 192.168.1.2;192.168.1.3), [${ip}] is not one`)
      }
      break
    }
  }
  return v
}

function account(value: string, name: string): void {
  const at = value.indexOf(':')
  if (at < 1 || at === value.length - 1) throw invalid(`parameter ${name} value is not an account, it should be user:password`)
}

/** An entry's checked content ('' for an absent value). */
export type EntryContent = Pick<RouterStaticEntryTable, 'router_static_entry_name' | 'val1' | 'val2'>

/** Throws 1100 naming the first bad field, for an entry of `parent` (its type decides what an entry is). */
export function checkEntry(e: EntryContent, parent: Pick<RouterStaticTable, 'router_static_id' | 'static_type'>, names: (field: 'val1' | 'val2') => string): EntryContent {
  const type = parent.static_type
  if (type === 2) {
    if (e.val1 === '') throw invalid(`missing parameter ${names('val1')}, an entry of a VPN static is an account: val1 the user name, val2 the password`)
    if (e.val1.includes(':') || /\s/.test(e.val1)) throw invalid(`parameter ${names('val1')} value ${e.val1} is not a valid user name, it may not contain ':' or spaces`)
    if (e.val2 === '') throw invalid(`missing parameter ${names('val2')}, an entry of a VPN static is an account: val1 the user name, val2 the password`)
  } else if (type === 6) {
    if (e.val1 === '') throw invalid(`missing parameter ${names('val1')}, an entry of an L3 GRE static is a target network`)
    networks(e.val1, names('val1'), '|')
    if (e.val2 !== '') throw invalid(`parameter ${names('val2')} is not used by an entry of an L3 GRE static`)
  } else if (type === 7) {
    if (e.val1 === '' && e.val2 === '') throw invalid(`missing parameter ${names('val1')}, an entry of an IPsec static needs a local network (val1), a target network (val2) or both`)
    for (const field of ['val1', 'val2'] as const) if (e[field] !== '') networks(e[field], names(field), '|')
  } else {
    throw invalid(`router static [${parent.router_static_id}] is of ${typeLabel(type)}, which takes no entries (VPN, L3 GRE and IPsec statics do)`)
  }
  return e
}

/** Statics and entries change only on a router that is not deleted (1400 naming its state). */
export function requireChangeable(router: Pick<RouterTable, 'router_id' | 'status'>): void {
  if (router.status === 'deleted' || router.status === 'ceased') throw stateRule('router', router.router_id, `is ${router.status}`, 'its statics can not be changed')
}

/** A VPN static's accounts have distinct user names; `users` grows as entries are checked. */
export function requireNewUser(users: Set<string>, user: string, name: string, staticId: string): void {
  if (users.has(user)) throw new ApiError('ResourceAlreadyExisted', `parameter ${name} value ${user} is already a user of router static [${staticId}]`)
  users.add(user)
}
