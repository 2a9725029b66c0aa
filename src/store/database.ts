// The data model: every table's row type. Column names are the API's field names, so most rows
// go out on the wire as they are. Times are stored as ISO-8601 strings (portable across SQLite
// and PostgreSQL, and already in the wire format).
import type { Kysely, Transaction } from 'kysely'

export interface ZoneTable {
  zone_id: string
  status: string // active | faulty | defunct
  region_id: string
  create_time: string
}

export interface UserTable {
  user_id: string
  email: string
  user_name: string
  role: string // admin | user
  status: string // active (banned, unverified: issue #4)
  create_time: string
  status_time: string
}

export interface AccessKeyTable {
  access_key_id: string
  /** AES-256-GCM sealed secret (lib/secret-box.ts); never stored or logged in clear. */
  secret_sealed: string
  owner: string
  access_key_name: string
  description: string | null
  status: string // active | disabled
  ip_white_list: string
  create_time: string
  status_time: string
}

export interface JobTable {
  job_id: string
  job_action: string
  status: string // pending | working | successful | failed
  owner: string
  zone_id: string
  resource_ids: string // space-separated, as the API reports it
  error_codes: string
  directive: string
  create_time: string
  status_time: string
}

/** Platform-wide key/value settings: bootstrap markers, the master-key fingerprint. */
export interface SettingTable {
  name: string
  value: string
}

export interface Database {
  zones: ZoneTable
  users: UserTable
  access_keys: AccessKeyTable
  jobs: JobTable
  settings: SettingTable
}

export type Db = Kysely<Database>
export type Tx = Transaction<Database>
/** Either the pool or a transaction: repositories accept both. */
export type Queryable = Kysely<Database>
