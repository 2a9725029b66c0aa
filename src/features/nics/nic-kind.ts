// The NIC family in the resource registry (src/resource-kinds.ts). A NIC's id is a MAC address, not
// `prefix-…`: the kind matches ids by `idPattern` (kindOfId). NICs are free (no lease) and QingCloud
// documents no `nic` quota (its quota items list none), so none is counted; they are taggable, and
// never gone: DeleteNics removes the row at once.
import { statefulKind } from '../resources/resource-kind.ts'

/** `52:54:xx:xx:xx:xx`, lower-case hex, as QingCloud (and KVM) writes them. */
export const MAC_ADDRESS = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/

export const nicKind = statefulKind({
  type: 'nic',
  prefix: 'nic',
  idPattern: MAC_ADDRESS,
  table: 'nics',
  idColumn: 'nic_id',
  nameColumn: 'nic_name',
  goneStatuses: [],
  taggable: true,
  lifecycle: {},
})
