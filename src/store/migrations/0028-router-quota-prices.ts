// Routers become a quota type and a leased kind (issue 17): the platform default of the `router`
// quota, and the routers' default prices (yuan per hour: small 0.05, medium 0.10, large 0.20,
// extra-large 0.40, features/routers/router-kind.ts) in the zones whose price list bootstrap had
// already written before routers existed. A zone seeded later gets them from the kind's defaults;
// a price an administrator deletes afterwards stays deleted.
import type { Kysely } from 'kysely'

const ROUTER_QUOTA = 10
const ROUTER_PRICES: ReadonlyArray<[string, number]> = [
  ['small', 500],
  ['medium', 1000],
  ['large', 2000],
  ['extra-large', 4000],
]

interface Tables {
  quota_defaults: { resource_type: string; quota: number }
  prices: { zone_id: string; resource_type: string; item: string; price: number; update_time: string }
  settings: { name: string; value: string }
}

export async function up(unknownDb: Kysely<unknown>): Promise<void> {
  const db = unknownDb as Kysely<Tables>
  await db
    .insertInto('quota_defaults')
    .values({ resource_type: 'router', quota: ROUTER_QUOTA })
    .onConflict((oc) => oc.column('resource_type').doNothing())
    .execute()
  const seeded = await db.selectFrom('settings').select(['name', 'value']).where('name', 'like', 'prices_seeded:%').execute()
  for (const { name, value } of seeded) {
    const zone_id = name.slice('prices_seeded:'.length)
    await db
      .insertInto('prices')
      .values(ROUTER_PRICES.map(([item, price]) => ({ zone_id, resource_type: 'router', item, price, update_time: value })))
      .onConflict((oc) => oc.columns(['zone_id', 'resource_type', 'item']).doNothing())
      .execute()
  }
}

export async function down(unknownDb: Kysely<unknown>): Promise<void> {
  const db = unknownDb as Kysely<Tables>
  await db.deleteFrom('prices').where('resource_type', '=', 'router').execute()
  await db.deleteFrom('quota_defaults').where('resource_type', '=', 'router').execute()
}
