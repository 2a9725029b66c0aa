// The instance family in the resource registry (src/resource-kinds.ts), and how an instance is
// priced: per vCPU and per GB of memory, or as a whole by its instance type when the zone prices
// that type (which then wins).
import { listInstanceTypes } from '../instance-types/instance-type-repo.ts'
import { type Pricing, statefulKind } from '../resources/resource-kind.ts'

/** What an instance's price depends on (memory in MB). */
export interface InstancePriced {
  instance_type: string
  cpu: number
  memory: number
}

const instancePricing: Pricing<InstancePriced> = {
  accepts: async (db, zone, item) => item === 'cpu' || item === 'memory' || (await listInstanceTypes(db, zone, [item])).length > 0,
  expected: (zone) => `cpu, memory or an instance type of zone [${zone}]`,
  unit: (item) => (item === 'cpu' ? 'vCPU-hour' : item === 'memory' ? 'GB-hour' : 'instance-hour'),
  // yuan per hour: vCPU 0.05, GB of memory 0.02
  defaults: [
    { item: 'cpu', price: 500 },
    { item: 'memory', price: 200 },
  ],
  hourly(prices, { instance_type, cpu, memory }) {
    const whole = instance_type ? prices.find(instance_type) : undefined
    if (whole !== undefined) return whole
    // memory is priced per GB; an instance of 512 MB pays half a GB, rounded up to a minor unit
    return cpu * prices.need('cpu', 'instance cpu') + Math.ceil((memory * prices.need('memory', 'instance memory')) / 1024)
  },
}

export const instanceKind = statefulKind({
  type: 'instance',
  prefix: 'i',
  table: 'instances',
  idColumn: 'instance_id',
  nameColumn: 'instance_name',
  goneStatuses: ['terminated', 'ceased'],
  taggable: true,
  quota: { count: 'instance', sums: { cpu: 'vcpus_current', memory: 'memory_current' } },
  countFacet: 'instance_type',
  lifecycle: { recycle: { from: 'terminated', to: 'ceased' }, leased: { suspendFrom: ['running', 'stopped'], pricing: instancePricing } },
})
