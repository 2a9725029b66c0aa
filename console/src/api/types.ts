// Reply shapes the pages read (field names as the API and the Go SDK's structs spell them). Add the
// items your pages need here; a `Describe…Reply` wraps a list with its total_count.

export type Role = 'user' | 'admin'

export interface Me {
  user_id: string
  email: string
  user_name: string
  role: Role
  status: string
  create_time: string
  verify_time: string | null
  session_expires_at: string
  session_idle_expires_at: string
  csrf_token: string
}

export interface LoginReply {
  user_id: string
  csrf_token: string
}

export interface Zone {
  zone_id: string
  status: string
}

export interface Job {
  job_id: string
  job_action: string
  status: 'pending' | 'working' | 'successful' | 'failed' | 'done with failure'
  resource_ids: string
  owner: string
  create_time: string
  status_time: string
  error_codes?: string
}

export interface Tag {
  tag_id: string
  tag_name: string
  tag_key?: string
  color: string
  description: string
  owner: string
  resource_count: number
  create_time: string
}

export interface KeyPair {
  keypair_id: string
  keypair_name: string
  description: string
  encrypt_method: string
  pub_key: string
  instance_ids: string[]
  tags: Tag[]
  owner: string
  zone_id: string
  create_time: string
}

export interface Instance {
  instance_id: string
  instance_name: string
  description: string
  instance_type: string
  vcpus_current: number
  memory_current: number
  status: string
  transition_status: string
  status_time: string
  create_time: string
  image: { image_id: string; image_name?: string; os_family?: string; platform?: string }
  vxnets: Array<{ vxnet_id: string; vxnet_name?: string; private_ip?: string; nic_id?: string }>
  eip?: { eip_id: string; eip_addr: string; bandwidth?: number }
  volume_ids: string[]
  keypair_ids: string[]
  security_group?: { security_group_id: string; security_group_name?: string }
  tags: Tag[]
  zone_id: string
}

export interface Volume {
  volume_id: string
  volume_name: string
  description: string
  volume_type: number
  size: number
  status: string
  transition_status: string
  status_time: string
  create_time: string
  instance?: { instance_id: string; instance_name?: string; device?: string }
  tags: Tag[]
  zone_id: string
}

export interface Eip {
  eip_id: string
  eip_name: string
  eip_addr: string
  description: string
  bandwidth: number
  billing_mode: string
  status: string
  transition_status: string
  status_time: string
  create_time: string
  resource?: { resource_id: string; resource_name?: string; resource_type?: string }
  eip_group?: { eip_group_id: string; eip_group_name?: string }
  tags: Tag[]
}

export interface SecurityGroup {
  security_group_id: string
  security_group_name: string
  description: string
  is_applied: number
  is_default: number
  resources: Array<{ resource_id: string; resource_name?: string; resource_type?: string }>
  tags: Tag[]
  create_time: string
}

/** An admin's view of an account (DescribeUsers). */
export interface User {
  user_id: string
  email: string
  user_name: string
  role: Role
  status: string
  create_time: string
}

export interface Balance {
  user_id: string
  balance: string
  bonus: string
}

/** Common shape of every Describe… reply: `DescribeReply<'keypair_set', KeyPair>`. */
export type DescribeReply<K extends string, T> = { total_count: number } & { [P in K]: T[] }

// ── Compute and storage pages (instances, volumes, images, snapshots, tags) ──

/** DescribeInstances with verbose=1 adds the attached volumes with their devices. */
export interface InstanceVerbose extends Instance {
  volumes?: Array<{ volume_id: string; volume_name: string; device: string; size: number; volume_type: number }>
  hostname?: string
}

export interface Image {
  image_id: string
  image_name: string
  description: string | null
  size: number
  processor_type: string
  platform: string
  os_family: string
  visibility: string
  provider: string
  owner: string
  recommended_type: string
  status: string
  transition_status: string
  default_user: string
  instance_ids: string[]
  tags: Tag[]
  create_time: string
}

export interface InstanceType {
  instance_type_id: string
  instance_type_name: string
  vcpus_current: number
  memory_current: number
  status: string
}

export interface Vxnet {
  vxnet_id: string
  vxnet_name: string
  vxnet_type: number
  ip_network: string
}

export interface Snapshot {
  snapshot_id: string
  snapshot_name: string
  description: string | null
  snapshot_type: number
  status: string
  transition_status: string
  create_time: string
  snapshot_time: string
  is_head: number
  size: number
  total_size: number
  resource: { resource_id: string; resource_name: string; resource_type: string }
  tags: Tag[]
}
