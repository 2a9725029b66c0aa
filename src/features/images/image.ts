// Images: the system catalogue seeded into every zone, and what an image lets its instances do.
// System images have plain ids (reference 2.1: `centos64x64`); captured images are `img-…`.

/**
 * Bits of the `features` mask (the Go SDK types `features` as an integer). QingCloud does not
 * publish its bit values; these are QingLocal's.
 */
export const IMAGE_FEATURES = {
  /** Instances from the image can use encrypted disks (os_disk_encryption, encrypted volumes). */
  encryptedDisk: 1,
} as const

export const supports = (image: { features: number }, feature: keyof typeof IMAGE_FEATURES) => (image.features & IMAGE_FEATURES[feature]) !== 0

export interface SystemImage {
  image_id: string
  image_name: string
  platform: 'linux' | 'windows'
  os_family: string
  processor_type: '64bit' | '32bit'
  size: number
  features: number
  recommended_type: string
  default_user: string
}

const ENC = IMAGE_FEATURES.encryptedDisk

export const SYSTEM_IMAGES: readonly SystemImage[] = [
  { image_id: 'centos79x64', image_name: 'CentOS 7.9 64bit', platform: 'linux', os_family: 'centos', processor_type: '64bit', size: 20, features: ENC, recommended_type: 'c1m1', default_user: 'root' },
  { image_id: 'rocky9x64', image_name: 'Rocky Linux 9.4 64bit', platform: 'linux', os_family: 'rockylinux', processor_type: '64bit', size: 20, features: ENC, recommended_type: 'c1m1', default_user: 'root' },
  { image_id: 'ubuntu2204x64', image_name: 'Ubuntu Server 22.04 LTS 64bit', platform: 'linux', os_family: 'ubuntu', processor_type: '64bit', size: 20, features: ENC, recommended_type: 'c1m1', default_user: 'ubuntu' },
  { image_id: 'debian12x64', image_name: 'Debian 12 64bit', platform: 'linux', os_family: 'debian', processor_type: '64bit', size: 20, features: ENC, recommended_type: 'c1m1', default_user: 'root' },
  // an older image without encrypted-disk support, so 5600 has something to arise from
  { image_id: 'centos64x64', image_name: 'CentOS 6.4 64bit', platform: 'linux', os_family: 'centos', processor_type: '64bit', size: 20, features: 0, recommended_type: 'c1m1', default_user: 'root' },
  { image_id: 'centos64x86', image_name: 'CentOS 6.4 32bit', platform: 'linux', os_family: 'centos', processor_type: '32bit', size: 20, features: 0, recommended_type: 'c1m1', default_user: 'root' },
  { image_id: 'win2022x64', image_name: 'Windows Server 2022 Datacenter 64bit', platform: 'windows', os_family: 'windows', processor_type: '64bit', size: 50, features: ENC, recommended_type: 'c2m4', default_user: 'administrator' },
  { image_id: 'win2016x64', image_name: 'Windows Server 2016 Datacenter 64bit', platform: 'windows', os_family: 'windows', processor_type: '64bit', size: 50, features: 0, recommended_type: 'c2m4', default_user: 'administrator' },
]

/** Lengths accepted for user-set image names and descriptions. */
export const IMAGE_NAME_MAX = 255
export const IMAGE_DESCRIPTION_MAX = 1024

/** The owner recorded on system images. */
export const SYSTEM_OWNER = 'system'

/** What DescribeImages adds to an image row beyond its columns. */
export interface ImageExtras {
  tags: unknown[]
  instance_ids: string[]
  root_id: string
}

/**
 * An image on the wire: every field of the Go SDK's `Image` (plain json.Unmarshal, so the JSON
 * types must match) plus `tags` and `zone_id`. Fields QingLocal has no notion of (billing ids)
 * are empty strings rather than absent, so clients that dereference them do not crash.
 */
export function imageView(
  row: {
    zone_id: string
    image_id: string
    image_name: string
    description: string | null
    owner: string
    provider: string
    visibility: string
    platform: string
    os_family: string
    processor_type: string
    size: number
    features: number
    recommended_type: string
    default_user: string
    default_passwd: string
    ui_type: string
    status: string
    transition_status: string
    create_time: string
    status_time: string
  },
  extras: ImageExtras,
) {
  return {
    image_id: row.image_id,
    image_name: row.image_name,
    description: row.description,
    size: row.size,
    processor_type: row.processor_type,
    architecture: row.processor_type === '32bit' ? 'i386' : 'x86_64',
    hypervisor: 'kvm',
    platform: row.platform,
    os_family: row.os_family,
    visibility: row.visibility,
    provider: row.provider,
    owner: row.owner,
    root_id: extras.root_id,
    recommended_type: row.recommended_type,
    status: row.status,
    transition_status: row.transition_status,
    sub_code: 0,
    create_time: row.create_time,
    status_time: row.status_time,
    default_user: row.default_user,
    default_passwd: row.default_passwd,
    ui_type: row.ui_type,
    features: row.features,
    // the older name of the same mask, still in the Go type
    feature: row.features,
    // every QingLocal instance can have its password reset (ResetInstances)
    f_resetpwd: 1,
    billing_id: '',
    app_billing_id: '',
    instance_ids: extras.instance_ids,
    tags: extras.tags,
    zone_id: row.zone_id,
  }
}
