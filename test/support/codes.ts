// Records every ret_code a wire-level test received, for the catalogue guard (test/guards).
import { appendFileSync } from 'node:fs'

const file = process.env.QINGLOCAL_CODES_FILE

export function recordCode(code: unknown): void {
  if (file && typeof code === 'number') appendFileSync(file, `${code}\n`)
}
