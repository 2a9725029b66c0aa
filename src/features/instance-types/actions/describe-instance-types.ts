// DescribeInstanceTypes: the sizes a zone offers. terraform and the console read
// vcpus_current/memory_current from here to turn an `instance_type` into cpu and memory.
import Type from 'typebox'
import { defineAction } from '../../../protocol/action.ts'
import { Flag, List, Optional, Str } from '../../../protocol/params.ts'
import { listInstanceTypes } from '../instance-type-repo.ts'

export const describeInstanceTypes = defineAction({
  name: 'DescribeInstanceTypes',
  params: Type.Object({
    instance_types: Optional(List(Str())),
    baremetal: Optional(Flag()),
  }),
  async query(params, ctx) {
    // QingLocal runs virtual machines only: asking for bare-metal types finds none
    if (params.baremetal === 1) return { total_count: 0, instance_type_set: [] }
    const rows = await listInstanceTypes(ctx.db, ctx.zone, params.instance_types)
    return { total_count: rows.length, instance_type_set: rows }
  },
})
