// Each zone's public addresses. Bootstrap seeds a zone's pool once (a setting, store/settings.ts, records it,
// so addresses an operator adds or removes stay that way across restarts); after that allocation
// and release only change who holds an address.
//
// Addresses come from 198.18.0.0/15 (RFC 2544, reserved for benchmarks, never routed on the
// Internet): the n-th zone ever seeded gets block n (counting from 0), i.e. 198.18.n.1 … 198.18.n.254
// for n < 256 and 198.19.(n-256).x after that. The block is kept in the marker, so a zone keeps its
// addresses whatever order the configured zones are listed in later.
import { ApiError } from '../../errors.ts'
import type { Queryable } from '../../store/database.ts'
import { addSetting, readSettingsStartingWith } from '../../store/settings.ts'

/** Addresses one zone's /24 can hold (.1 … .254). */
export const MAX_POOL_SIZE = 254
/** 198.18.0.0/15 holds 512 /24 blocks. */
const MAX_BLOCKS = 512

const MARKER_PREFIX = 'eip_pool_seeded:'

/** The pool's i-th address (0-based) in block `block`. */
export function poolAddress(block: number, i: number): string {
  return `198.${18 + Math.floor(block / 256)}.${block % 256}.${i + 1}`
}

/** Seeds the pool of every zone that never had one with `size` addresses of the next free block. */
export async function seedEipPools(db: Queryable, zones: readonly string[], size: number): Promise<void> {
  const markers = await readSettingsStartingWith(db, MARKER_PREFIX)
  const seeded = new Set([...markers.keys()].map((name) => name.slice(MARKER_PREFIX.length)))
  let next = [...markers.values()].reduce((n, value) => Math.max(n, Number(value) + 1), 0)
  for (const zone_id of zones) {
    if (seeded.has(zone_id)) continue
    if (next >= MAX_BLOCKS) throw new Error(`no address block left in 198.18.0.0/15 for the EIP pool of zone ${zone_id}`)
    const block = next++
    const rows = Array.from({ length: Math.min(size, MAX_POOL_SIZE) }, (_, i) => ({ zone_id, eip_addr: poolAddress(block, i), eip_id: '' }))
    if (rows.length > 0)
      await db
        .insertInto('eip_pool')
        .values(rows)
        .onConflict((oc) => oc.columns(['zone_id', 'eip_addr']).doNothing())
        .execute()
    await addSetting(db, MARKER_PREFIX + zone_id, String(block))
  }
}

/**
 * Takes the zone's `count` lowest free addresses for `eipIds` (one each, in order) or throws 5200
 * when the pool has too few. Each address is claimed with an UPDATE … WHERE eip_id = '' that must
 * change its row: a concurrent allocation that took it first makes the claim miss, and the next
 * free address is tried, so no address is ever handed out twice.
 */
export async function claimAddresses(db: Queryable, zone: string, eipIds: readonly string[]): Promise<string[]> {
  const claimed: string[] = []
  const tried = new Set<string>()
  while (claimed.length < eipIds.length) {
    const wanted = eipIds.length - claimed.length
    const free = await db
      .selectFrom('eip_pool')
      .select('eip_addr')
      .where('zone_id', '=', zone)
      .where('eip_id', '=', '')
      .$if(tried.size > 0, (q) => q.where('eip_addr', 'not in', [...tried]))
      // the addresses of a zone share their first three parts: shorter is lower, then by text
      .orderBy((eb) => eb.fn('length', ['eip_addr']))
      .orderBy('eip_addr')
      .limit(wanted)
      .execute()
    if (free.length === 0) {
      // what this request claimed so far is what was free: the error rolls the claims back
      throw new ApiError('InsufficientResources', `the EIP pool of zone [${zone}] has [${claimed.length}] free addresses, not enough for [${eipIds.length}] EIPs, release some or try later`)
    }
    for (const { eip_addr } of free) {
      tried.add(eip_addr)
      const eip_id = eipIds[claimed.length]!
      const result = await db.updateTable('eip_pool').set({ eip_id }).where('zone_id', '=', zone).where('eip_addr', '=', eip_addr).where('eip_id', '=', '').executeTakeFirst()
      if (result.numUpdatedRows > 0n) claimed.push(eip_addr)
    }
  }
  return claimed
}

/** Gives the addresses held by these EIPs back to their pool. */
export async function freeAddresses(db: Queryable, eipIds: readonly string[]): Promise<void> {
  if (eipIds.length > 0) await db.updateTable('eip_pool').set({ eip_id: '' }).where('eip_id', 'in', eipIds).execute()
}
