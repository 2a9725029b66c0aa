// What a resource family tells the generic code about itself (issue 15): the registry entry each
// feature writes once, in its own folder (instances/instance-kind.ts, …), and src/resource-kinds.ts
// lists. Billing (suspension, charge queries, prices), quotas, tags and the recycle bin iterate that list,
// so a new billable family is one entry plus its actions. Tables and columns are typed against the
// store's row types: a kind can only name a real table, and columns of that table.
import type { Database, Queryable } from '../../store/database.ts'
import type { QuotaType } from '../quotas/quota.ts'

type TablesWith<Columns> = { [T in keyof Database]: Database[T] extends Columns ? T : never }[keyof Database]

/** A family's table: every row has an owner and a zone. */
export type KindTable = TablesWith<{ owner: string; zone_id: string }>
/** …and a status, a transition and the time its status last changed. */
export type StatefulTable = TablesWith<{ owner: string; zone_id: string; status: string; transition_status: string; status_time: string }>
/** The columns of one table (distributes over a union of tables). */
export type ColumnOf<T extends keyof Database> = T extends keyof Database ? keyof Database[T] & string : never

/** Which quotas a family's live rows (owner, zone, not gone) use: a row count and/or summed columns. */
export interface QuotaCounting {
  count?: QuotaType
  sums?: Partial<Record<QuotaType, string>>
}

interface KindBase {
  /** The word used in messages, in `resource_type` (AttachTags) and in a lease's `resource_type`. */
  type: string
  /** `i` of `i-abcd1234`: unique among the kinds. */
  prefix: string
  /**
   * The shape of the kind's ids when they are not `prefix-…` (NICs are MAC addresses,
   * `52:54:00:12:34:56`): kindOfId matches ids against it instead of the prefix.
   */
  idPattern?: RegExp
  table: KindTable
  idColumn: string
  nameColumn: string
  /** AttachTags/DetachTags accept this `resource_type`. */
  taggable: boolean
  quota?: QuotaCounting
  /**
   * The one column besides status that the kept counts (resource-counts.ts) split by, so a listing
   * filtered by it needs no scan for its total_count (instances: instance_type). Migration 0020's
   * triggers count by the same column.
   */
  countFacet?: string
}

/** A family without statuses (key pairs, security groups, vxnets): nothing is ever "gone". */
export interface PlainKind extends KindBase {
  goneStatuses: readonly []
  lifecycle?: undefined
}

/** A zone's price list as a kind's pricing reads it: its own rows (`resource_type` = its type). */
export interface PriceLookup {
  /** The item's price (minor units per hour of its unit), if the zone has one. */
  find(item: string): number | undefined
  /** The same, or 2200 LeaseFailed "zone [z] has no price for `detail`, …" (billing/price.ts). */
  need(item: string, detail: string): number
}

/**
 * How a leased family is priced (billing/price.ts iterates these): the items of its price list,
 * their unit, the defaults every new zone starts with, and one resource's hourly price from the
 * zone's items given `Spec`, the resource's fields the price depends on.
 */
export interface Pricing<Spec> {
  /** Whether SetPrices may price `item` in `zone`; 1100 otherwise. */
  accepts: (db: Queryable, zone: string, item: string) => boolean | Promise<boolean>
  /** The end of that 1100 message: "expected …". */
  expected: (zone: string) => string
  /** What one hour of `item` is priced per (DescribePrices' `unit`): vCPU-hour, GB-hour, … */
  unit: (item: string) => string
  /** The zone's list before any administrator changes it (minor units per hour). */
  defaults: readonly { item: string; price: number }[]
  /** Minor units per hour for one resource; `prices.need` throws the 2200 for a missing item. */
  hourly: (prices: PriceLookup, spec: Spec) => number
}

/** Billed by leases of `resource_type` = the kind's type. */
export interface Leased<Spec> {
  /** In arrears the resource is suspended from these statuses (and resumed to them). */
  suspendFrom: readonly string[]
  pricing: Pricing<Spec>
}

/** `Spec` defaults to never: a kind of unknown spec can be listed and iterated, but not priced. */
export interface StatefulKind<Spec = never> extends KindBase {
  table: StatefulTable
  /** Statuses left out of listings that name no ids and no status (reference 1.7); quotas ignore them. */
  goneStatuses: readonly string[]
  lifecycle: {
    /** Deleted → ceased after the recycle-bin period (reference 2.2: recoverable for 2 h). */
    recycle?: { from: string; to: 'ceased' }
    leased?: Leased<Spec>
  }
}

/** A leased kind, priced by specs of type `Spec` (instanceKind: InstancePriced, …). */
export type LeasedKind<Spec = never> = StatefulKind<Spec> & { lifecycle: { leased: Leased<Spec> } }

export type ResourceKind = PlainKind | StatefulKind

/** An entry as its feature writes it: the columns (ids, names, quota sums) are checked against its table. */
type Checked<K extends KindBase, T extends KindTable> = K & { table: T; idColumn: ColumnOf<T>; nameColumn: ColumnOf<T>; countFacet?: ColumnOf<T>; quota?: { sums?: Partial<Record<QuotaType, ColumnOf<T>>> } }

export const plainKind = <T extends KindTable>(kind: Checked<PlainKind, T>): PlainKind => kind
/** A leased entry keeps its pricing's spec type, so hourlyPriceIn refuses another kind's spec. */
export function statefulKind<T extends StatefulTable, Spec>(kind: Checked<LeasedKind<Spec>, T>): LeasedKind<Spec>
export function statefulKind<T extends StatefulTable>(kind: Checked<StatefulKind, T>): StatefulKind
export function statefulKind(kind: StatefulKind): StatefulKind {
  return kind
}

/** A quota usage a feature counts itself (tags: user-wide, no zone column); kinds' `quota` becomes one of these. */
export interface QuotaCounter {
  types: readonly QuotaType[]
  usage(db: Queryable, userId: string, zone: string): Promise<Partial<Record<QuotaType, number>>>
}

export const RECYCLE_BIN_MS = 2 * 60 * 60 * 1000

/** `i-abcd1234` → the instance kind of `kinds` (a MAC address → the NIC kind); undefined for ids of no known family. */
export function kindOfId<K extends ResourceKind>(kinds: readonly K[], id: string): K | undefined {
  const dash = id.indexOf('-')
  const prefix = dash < 0 ? undefined : id.slice(0, dash)
  return kinds.find((k) => (k.idPattern ? k.idPattern.test(id) : k.prefix === prefix))
}

export const isLeased = (kind: ResourceKind): kind is LeasedKind => kind.lifecycle?.leased !== undefined

/** A family with statuses and transitions (its table has status, transition_status, status_time). */
export const isStateful = (kind: ResourceKind): kind is StatefulKind => kind.lifecycle !== undefined

/** The kind a lease's (or a price's) `resource_type` names, if that family is leased. */
export function leasedKind(kinds: readonly ResourceKind[], resourceType: string): LeasedKind | undefined {
  return kinds.filter(isLeased).find((kind) => kind.type === resourceType)
}
