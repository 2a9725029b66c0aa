// Instance rules that need no database: statuses, which transitions each action starts from which
// status (reference 2.2), the size an instance gets from instance_type or cpu/memory, disk and
// login checks. The actions apply them; tests cover them through the wire.
import { ApiError } from '../../errors.ts'
import { CPU_CHOICES, MEMORY_CHOICES } from '../instance-types/instance-type.ts'

export const LABEL = 'instance'

/**
 * Transition values. Resize uses `updating` rather than a `resizing` QingCloud does not document:
 * terraform's waiter fails on any value outside its list, and `updating` is on it.
 */
export const TRANSITIONS = {
  create: 'creating',
  start: 'starting',
  stop: 'stopping',
  restart: 'restarting',
  terminate: 'terminating',
  resize: 'updating',
  reset: 'resetting',
} as const

export interface Shape {
  instance_type: string
  vcpus_current: number
  memory_current: number
}

/**
 * The size asked for. `instance_type` wins whenever it is given: the Go SDK sends its defaults
 * `cpu=1&memory=1024` on every RunInstances, so letting cpu/memory win (as the docs say) would
 * turn every Go client's instance type into 1 CPU / 1 GB. Without a type, cpu and memory must
 * both be given and come from the documented lists.
 */
export function requestedShape(
  params: { instance_type?: string | undefined; cpu?: number | undefined; memory?: number | undefined },
  findType: (id: string) => { vcpus_current: number; memory_current: number; status: string } | undefined,
): Shape {
  if (params.instance_type) {
    const type = findType(params.instance_type)
    if (type?.status !== 'available') throw new ApiError('InvalidRequestFormat', `instance type [${params.instance_type}] is not offered in this zone`)
    return { instance_type: params.instance_type, vcpus_current: type.vcpus_current, memory_current: type.memory_current }
  }
  if (params.cpu === undefined || params.memory === undefined) throw new ApiError('InvalidRequestFormat', 'missing parameter instance_type, or cpu and memory')
  if (!(CPU_CHOICES as readonly number[]).includes(params.cpu)) {
    throw new ApiError('InvalidRequestFormat', `unsupported parameter cpu value ${params.cpu}, the valid values are [${CPU_CHOICES.join(', ')}]`)
  }
  if (!(MEMORY_CHOICES as readonly number[]).includes(params.memory)) {
    throw new ApiError('InvalidRequestFormat', `unsupported parameter memory value ${params.memory}, the valid values are [${MEMORY_CHOICES.join(', ')}]`)
  }
  // the classic family names every cpu/memory pair: c2m4 is 2 CPU, 4 GB (6144 MB → c1m6)
  return { instance_type: `c${params.cpu}m${params.memory / 1024}`, vcpus_current: params.cpu, memory_current: params.memory }
}

/** System disk limits by platform (reference 3.2: Linux 20–100 GB, default 20; Windows 50–100, default 50). */
export function osDiskSize(platform: string, imageSize: number, requested: number | undefined): number {
  const [min, fallback] = platform === 'windows' ? [50, 50] : [20, 20]
  const size = requested ?? Math.max(fallback, imageSize)
  if (size < Math.max(min, imageSize) || size > 100) {
    throw new ApiError('InvalidRequestFormat', `parameter os_disk_size value ${size} is out of range, the valid range is [${Math.max(min, imageSize)} - 100] for this image`)
  }
  return size
}

/**
 * Login passwords: 8 to 64 characters with upper case, lower case and digits (QingCloud asks for
 * the three kinds; it never stores or shows the password, and neither does QingLocal).
 */
export function checkLoginPassword(password: string | undefined): void {
  if (!password) throw new ApiError('InvalidRequestFormat', 'missing parameter login_passwd, required when login_mode is passwd')
  if (password.length < 8 || password.length > 64 || !/[a-z]/.test(password) || !/[A-Z]/.test(password) || !/\d/.test(password)) {
    throw new ApiError('InvalidRequestFormat', 'parameter login_passwd is too weak: use 8 to 64 characters with upper case, lower case letters and digits')
  }
}
