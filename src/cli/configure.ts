// `qinglocal configure`: a qingcloud-cli profile (~/.qingcloud/config.yaml unless --output) for the
// server whose data directory is given, from the credential file that server wrote there
// (config.yaml, the user's; admin.yaml with --admin). The profile has exactly the six keys the
// qingcloud CLI passes on to the Python SDK (bootstrap.ts credentialsYaml says why). An existing
// file is only replaced with --force: it may be a real QingCloud profile.
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { stringify } from 'yaml'
import { readCredentials } from './credentials.ts'

export interface ConfigureOptions {
  dataDir: string
  admin: boolean
  output: string | undefined
  force: boolean
  zone: string | undefined
  env: Record<string, string | undefined>
}

/** Where qingcloud-cli looks for its profile. */
export function defaultProfilePath(env: Record<string, string | undefined>): string {
  return join(env.HOME || homedir(), '.qingcloud', 'config.yaml')
}

/** Writes the profile; resolves to its path. Throws with a message for the person at the terminal. */
export function writeProfile(options: ConfigureOptions): { path: string; baseUrl: string } {
  const dataDir = resolve(options.dataDir)
  const source = join(dataDir, options.admin ? 'admin.yaml' : 'config.yaml')
  if (!existsSync(source)) throw new Error(`there is no ${source}: qinglocal serve writes it on its first start (check -d, --data)`)
  const credentials = readCredentials(source)
  const url = new URL(credentials.baseUrl)
  const output = resolve(options.output ?? defaultProfilePath(options.env))
  if (existsSync(output) && !options.force) throw new Error(`${output} exists: add --force to replace it, or name another file with --output`)
  const zone = options.zone ?? credentials.zone
  const profile = stringify({
    qy_access_key_id: credentials.accessKeyId,
    qy_secret_access_key: credentials.secretAccessKey,
    ...(zone !== undefined && { zone }),
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    protocol: url.protocol.replace(':', ''),
  })
  mkdirSync(dirname(output), { recursive: true, mode: 0o700 })
  // a secret: readable by its owner only, also when the file existed with a looser mode
  writeFileSync(output, profile, { mode: 0o600, flag: options.force ? 'w' : 'wx' })
  chmodSync(output, 0o600)
  return { path: output, baseUrl: credentials.baseUrl }
}
