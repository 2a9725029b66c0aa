// GetChargeSums (reference 3.11): the caller's charges added up per calendar period and per group.
// `charge_sum_set` is an object, as the docs print it: keyed by the value of the first `group_by`
// dimension (the user id without group_by), each key listing one item per period and per value of
// the other dimensions. An item always belongs to one user (it names user_id and root_user_id;
// there are no sub-accounts, so both are the same). `total_count` counts keys, `offset` / `limit`
// page over them; `total_sum` adds up every matching record.
//
// Global (zone 'none'): `zone` is a filter list here, and a zone-scoped action would need one
// plain `zone` (a `zone.1=…` list reaches the zone check as no zone at all). Every list parameter
// also takes one plain value, since the docs' example sends `zone=gd2` and `user=usr-…`.
// Periods (days, weeks, months, …) are those of the platform's time zone (QINGLOCAL_TIMEZONE). Projects and tags are not modelled: grouping or filtering by
// them is 1100. Grouping is done in memory over the matching records (only the columns it needs),
// which is fine for a local platform; a large one would group in SQL.
import Type from 'typebox'
import { ApiError } from '../../../errors.ts'
import { formatYuan } from '../../../lib/money.ts'
import { defineAction } from '../../../protocol/action.ts'
import { inSnapshot } from '../../../store/snapshot.ts'
import { Int, OneOf, Optional, page, Str } from '../../../protocol/params.ts'
import { DURATIONS, Names, namesOf, periodLabel, subjectOf, timeBounds, type SumDuration } from '../charge-query.ts'

const DIMENSIONS = ['zone_id', 'resource_id', 'resource_type', 'user_id'] as const
type Dimension = (typeof DIMENSIONS)[number]
/** One item of charge_sum_set: a period's fee for one user and one value of each grouped dimension. */
type ChargeSum = { fee: string; root_user_id: string; user_id: string; total: string } & Partial<Record<Dimension, string>>
const UNMODELLED = ['project_id', 'tag_id']

function dimensionsOf(values: string[] | undefined): Dimension[] {
  const out: Dimension[] = []
  for (const value of values ?? []) {
    if (UNMODELLED.includes(value)) throw new ApiError('InvalidRequestFormat', `parameter group_by value ${value} is not supported, QingLocal has no ${value === 'tag_id' ? 'tag' : 'project'} billing`)
    if (!(DIMENSIONS as readonly string[]).includes(value)) throw new ApiError('InvalidRequestFormat', `unsupported parameter group_by value ${value}, use ${DIMENSIONS.join(', ')}`)
    if (!out.includes(value as Dimension)) out.push(value as Dimension)
  }
  return out
}

export const getChargeSums = defineAction({
  name: 'GetChargeSums',
  zone: 'none',
  params: Type.Object({
    duration: OneOf(DURATIONS),
    user: Optional(Names()),
    root_user: Optional(Str({ maxLength: 64 })),
    project_id: Optional(Names()),
    zone: Optional(Names()),
    resource_type: Optional(Names()),
    resource: Optional(Names()),
    group_by: Optional(Names()),
    start_time: Optional(Str({ maxLength: 32 })),
    end_time: Optional(Str({ maxLength: 32 })),
    offset: Optional(Int({ minimum: 0 })),
    limit: Optional(Int()),
  }),
  async query(params, ctx) {
    return await inSnapshot(ctx, async (ctx) => {
      if (namesOf(params.project_id)) throw new ApiError('InvalidRequestFormat', 'parameter project_id is not supported, QingLocal has no project billing')
      const dimensions = dimensionsOf(namesOf(params.group_by))
      const { from, to } = timeBounds(params)
      // without sub-accounts a root user is just a user: root_user narrows `user` the same way
      let users = namesOf(params.user) ?? [params.root_user ?? ctx.caller.user_id]
      if (params.root_user !== undefined) users = users.filter((u) => u === params.root_user)
      for (const user of [...users, ...(params.root_user === undefined ? [] : [params.root_user])]) await subjectOf(ctx, user)

      const zones = namesOf(params.zone)
      const types = namesOf(params.resource_type)
      const resources = namesOf(params.resource)
      let query = ctx.db.selectFrom('charge_records').select(['owner', 'zone_id', 'resource_id', 'resource_type', 'start_time', 'fee'])
      // `user` and `root_user` that name different users match nothing
      if (users.length === 0) return { charge_sum_set: {}, total_sum: formatYuan(0), total_count: 0 }
      query = query.where('owner', 'in', users)
      if (zones) query = query.where('zone_id', 'in', zones)
      if (types) query = query.where('resource_type', 'in', types)
      if (resources) query = query.where('resource_id', 'in', resources)
      if (from !== undefined) query = query.where('start_time', '>=', from)
      if (to !== undefined) query = query.where('start_time', '<', to)
      const records = await query.execute()

      // one item per (user, the dimensions, period); its key is the first dimension's value
      const keyDimension: Dimension = dimensions[0] ?? 'user_id'
      const itemDimensions = [...new Set<Dimension>(['user_id', ...dimensions])]
      const items = new Map<string, { key: string; fields: Partial<Record<Dimension, string>>; total: string; fee: number }>()
      let totalFee = 0
      for (const r of records) {
        const values: Record<Dimension, string> = { user_id: r.owner, zone_id: r.zone_id, resource_id: r.resource_id, resource_type: r.resource_type }
        const total = periodLabel(new Date(r.start_time), params.duration as SumDuration, ctx.settings.timezone)
        const id = JSON.stringify([total, ...itemDimensions.map((d) => values[d])])
        const item = items.get(id) ?? { key: values[keyDimension], fields: Object.fromEntries(itemDimensions.map((d) => [d, values[d]])) as Partial<Record<Dimension, string>>, total, fee: 0 }
        item.fee += r.fee
        items.set(id, item)
        totalFee += r.fee
      }

      const byKey = new Map<string, ChargeSum[]>()
      const sorted = [...items.values()].sort((a, b) => a.key.localeCompare(b.key) || a.total.localeCompare(b.total) || JSON.stringify(a.fields).localeCompare(JSON.stringify(b.fields)))
      for (const item of sorted) {
        const { user_id, ...rest } = item.fields
        const list = byKey.get(item.key) ?? []
        list.push({ fee: formatYuan(item.fee), root_user_id: user_id!, user_id: user_id!, ...rest, total: item.total })
        byKey.set(item.key, list)
      }
      const { offset, limit } = page(params)
      return {
        charge_sum_set: Object.fromEntries([...byKey].slice(offset, offset + limit)),
        total_sum: formatYuan(totalFee),
        total_count: byKey.size,
      }
    })
  },
})
