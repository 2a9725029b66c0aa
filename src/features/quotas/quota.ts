// The quota catalogue: which resource types have a quota, what unit it counts, and whether it is
// kept per zone or per user across zones. A quota of -1 means unlimited.

export const QUOTA_TYPES = ['instance', 'cpu', 'memory', 'volume', 'volume_size', 'keypair', 'tag', 'eip', 'security_group', 'vxnet', 'snapshot', 'router', 'loadbalancer', 'loadbalancer_policy'] as const

export type QuotaType = (typeof QUOTA_TYPES)[number]

export const UNLIMITED = -1

/** Tags belong to a user, not to a zone (CreateTag is global), so their quota is user-wide. */
const USER_WIDE: ReadonlySet<QuotaType> = new Set<QuotaType>(['tag'])

/** The zone a type's quota and usage are kept under: '' for user-wide types. */
export const quotaZone = (type: QuotaType, zone: string): string => (USER_WIDE.has(type) ? '' : zone)

export const isQuotaType = (name: string): name is QuotaType => (QUOTA_TYPES as readonly string[]).includes(name)

/** How much more of each type a request needs; absent or ≤ 0 needs no quota. */
export type QuotaDemand = Partial<Record<QuotaType, number>>

/** Two demands as one (a request that creates several kinds or batches checks quota once). */
export function addDemands(a: QuotaDemand, b: QuotaDemand): QuotaDemand {
  const sum: QuotaDemand = { ...a }
  for (const type of QUOTA_TYPES) if (b[type] !== undefined) sum[type] = (sum[type] ?? 0) + b[type]
  return sum
}

/** What is left of a quota given the usage: -1 while unlimited, never below 0. */
export const leftOf = (quota: number, used: number): number => (quota === UNLIMITED ? UNLIMITED : Math.max(0, quota - used))
