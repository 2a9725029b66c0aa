// `qinglocal state …`: the state controls of a running server (/_qinglocal/state/…), as every
// control command asks them (control-command.ts: admin key, --ca, --json, exit 1 on a refusal, 2
// when nothing answers or a local file fails). `export` writes to a temporary file beside FILE and renames it into
// place, so FILE is never half a state file; `import` sends the file with its SHA-256 signed in the
// query, so the server refuses an upload that arrived changed or cut short.
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Command } from 'commander'
import { callControl, type ClientOptions, type ControlCall, downloadControl, uploadControl } from './client.ts'
import { type ControlCliContext, type ControlCommandSpec, type ControlReply as Reply, controlCommand } from './control-command.ts'

export function addStateCommands(program: Command, ctx: ControlCliContext): void {
  const group = program.command('state').description("snapshot, restore, reset, export and import the whole store of a running server (the control API's /_qinglocal/state/…, signed with the admin key)")
  const command = (spec: string, description: string, ask: ControlCommandSpec['ask'], show: ControlCommandSpec['show']) => controlCommand(group, ctx, { spec, description, ask, show })

  const post = (client: ClientOptions, name: string, params: ControlCall['params'] = {}) => callControl(client, name, { method: 'POST', params })
  const counts = (r: Reply) => `${String(r.tables)} tables, ${String(r.rows)} rows`

  command(
    'snapshot <name>',
    'save the whole store as snapshot NAME in the data directory (letters, digits, . - _)',
    (client, [name], options) => post(client, 'state/snapshot', { name: name!, ...(options.overwrite ? { overwrite: '1' } : {}) }),
    (r) => `snapshot ${String(r.snapshot)}: ${counts(r)}, ${String(r.size_bytes)} bytes, taken ${String(r.created_at)}\n`,
  ).option('--overwrite', 'replace a snapshot of that name')
  command(
    'restore <name>',
    'replace the whole store with snapshot NAME (waits for requests in flight, then swaps)',
    (client, [name]) => post(client, 'state/restore', { name: name! }),
    (r) => `restored ${String(r.snapshot)} (taken ${String(r.created_at)}): ${counts(r)}\n`,
  )
  command(
    'reset',
    'go back to the store as the first start made it, with the same credentials',
    (client) => post(client, 'state/reset'),
    (r) => `reset to the initial state (${String(r.created_at)}): ${counts(r)}\n`,
  )
  command(
    'list',
    'list the snapshots with their sizes and when they were taken',
    (client) => callControl(client, 'state/snapshots'),
    (r) => {
      const snapshots = r.snapshots as Array<{ name: string; size_bytes: number; created_at: string | null }>
      if (snapshots.length === 0) return 'no snapshots\n'
      const width = Math.max(...snapshots.map((s) => s.name.length))
      return snapshots.map((s) => `${s.name.padEnd(width)}  ${String(s.size_bytes).padStart(10)} bytes  ${s.created_at ?? '(unreadable)'}\n`).join('')
    },
  )
  command(
    'delete <name>',
    'delete snapshot NAME',
    (client, [name]) => post(client, 'state/delete', { name: name! }),
    (r) => `deleted snapshot ${String(r.snapshot)}\n`,
  )
  command(
    'export <file>',
    'write the whole store to FILE (a gzip state file that `state import` reads)',
    async (client, [file]) => {
      const partial = join(dirname(file!), `.${basename(file!)}.part-${randomBytes(4).toString('hex')}`)
      try {
        const refused = await downloadControl(client, 'state/export', {}, createWriteStream(partial, { mode: 0o600 }))
        if (refused) return refused
        renameSync(partial, file!)
        return { ret_code: 0, file, size_bytes: statSync(file!).size }
      } finally {
        rmSync(partial, { force: true })
      }
    },
    (r) => `wrote ${String(r.file)} (${String(r.size_bytes)} bytes)\n`,
  )
  command(
    'import <file>',
    'replace the whole store with a state file written by `state export` (same version and master key)',
    async (client, [file]) => {
      const hash = createHash('sha256')
      await pipeline(createReadStream(file!), hash)
      const reply = await uploadControl(client, 'state/import', { params: { content_sha256: hash.digest('hex') } }, createReadStream(file!), statSync(file!).size)
      return reply.ret_code === 0 ? { ...reply, file } : reply
    },
    (r) => `imported ${String(r.file)} (made ${String(r.created_at)} on ${String(r.source_store)}): ${counts(r)}\n`,
  )
}
