// The instance types seeded into every zone: QingCloud's classic `c{cpu}m{GB}` family plus the
// legacy names seen in the docs' examples (reference 3.2, common/instance_type.md).

export interface InstanceTypeSpec {
  instance_type_id: string
  vcpus_current: number
  /** MB */
  memory_current: number
}

const classic = (cpu: number, gb: number): InstanceTypeSpec => ({ instance_type_id: `c${cpu}m${gb}`, vcpus_current: cpu, memory_current: gb * 1024 })

export const INSTANCE_TYPES: readonly InstanceTypeSpec[] = [
  classic(1, 1),
  classic(1, 2),
  classic(1, 4),
  classic(2, 2),
  classic(2, 4),
  classic(2, 8),
  classic(4, 4),
  classic(4, 8),
  classic(4, 16),
  classic(8, 8),
  classic(8, 16),
  classic(8, 32),
  classic(16, 16),
  classic(16, 32),
  classic(16, 64),
  { instance_type_id: 'small_a', vcpus_current: 1, memory_current: 1024 },
  { instance_type_id: 'small_b', vcpus_current: 1, memory_current: 2048 },
  { instance_type_id: 'medium_a', vcpus_current: 2, memory_current: 4096 },
]

/** RunInstances/ResizeInstances without an instance type: the allowed cpu and memory values (reference 3.2). */
export const CPU_CHOICES = [1, 2, 4, 8, 16] as const
export const MEMORY_CHOICES = [1024, 2048, 4096, 6144, 8192, 12288, 16384, 24576, 32768] as const
