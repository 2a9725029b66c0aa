// Scripted faults: rows of `faults` an administrator arms. A `reply` fault makes the next
// `remaining` calls of an action (optionally only those signed with one access key) answer its
// ret_code; a `job` fault makes the next `remaining` jobs of an action fail with it. Each use is
// taken with one conditional UPDATE (remaining > 0), so two requests, or two processes sharing
// PostgreSQL, never use the same fault twice; the row is deleted when it reaches 0.
import { ApiError, catalogue, type ErrorName } from '../../errors.ts'
import { formatTime, type Clock } from '../../lib/clock.ts'
import type { IdGenerator } from '../../lib/ids.ts'
import type { FaultTable, Queryable } from '../../store/database.ts'

const NAME_OF_CODE = new Map(Object.entries(catalogue).map(([name, e]) => [e.code as number, name as ErrorName]))

/** The catalogue name of a ret_code; undefined for 0 and anything the catalogue lacks. */
export const errorNameOf = (code: number): ErrorName | undefined => NAME_OF_CODE.get(code)

/** Action names: what `fault_action` and `job_action` must look like. */
export const ACTION_NAME = '^[A-Z][A-Za-z0-9]{0,63}$'

/** Actions with armed reply faults, for the gate's cheap first look. */
export async function armedReplyActions(db: Queryable): Promise<ReadonlySet<string>> {
  const rows = await db.selectFrom('faults').select('action').distinct().where('kind', '=', 'reply').execute()
  return new Set(rows.map((r) => r.action))
}

/** One use of a fault, taken. `remaining` is what is left after it. */
export type TakenFault = Pick<FaultTable, 'fault_id' | 'kind' | 'action' | 'ret_code' | 'remaining'>

/**
 * Takes one use of the fault that hits this call or job: one armed for the caller's access key
 * before one armed for everybody, then the oldest. Undefined when none is armed.
 */
export async function takeFault(db: Queryable, kind: FaultTable['kind'], action: string, accessKeyId: string): Promise<TakenFault | undefined> {
  // each lost race means another caller took a use, so this ends
  for (;;) {
    const candidate = await db
      .selectFrom('faults')
      .select('fault_id')
      .where('kind', '=', kind)
      .where('action', '=', action)
      .where('access_key_id', 'in', accessKeyId ? ['', accessKeyId] : [''])
      .where('remaining', '>', 0)
      .orderBy('access_key_id', 'desc')
      .orderBy('create_time')
      .orderBy('fault_id')
      .limit(1)
      .executeTakeFirst()
    if (!candidate) return undefined
    const taken = await db
      .updateTable('faults')
      .set((eb) => ({ remaining: eb('remaining', '-', 1) }))
      .where('fault_id', '=', candidate.fault_id)
      .where('remaining', '>', 0)
      .returning(['fault_id', 'kind', 'action', 'ret_code', 'remaining'])
      .executeTakeFirst()
    if (!taken) continue
    if (taken.remaining <= 0) await db.deleteFrom('faults').where('fault_id', '=', taken.fault_id).where('remaining', '<=', 0).execute()
    return { ...taken, remaining: Number(taken.remaining), ret_code: Number(taken.ret_code) }
  }
}

/** What a call (or job) hit by a fault answers: the armed code, saying that it is scripted. */
export function scriptedError(fault: TakenFault): ApiError {
  const what = fault.kind === 'reply' ? `call of ${fault.action}` : `job of ${fault.action}`
  const left = fault.remaining === 0 ? 'it is now used up' : `${fault.remaining} more to come`
  return new ApiError(errorNameOf(fault.ret_code) ?? 'InternalError', `scripted fault [${fault.fault_id}] armed by an administrator for this ${what}, ${left}`)
}

/** How DescribeFaults shows a fault. */
export function faultView(row: FaultTable) {
  return {
    fault_id: row.fault_id,
    kind: row.kind,
    fault_action: row.action,
    fault_access_key: row.access_key_id,
    ret_code: Number(row.ret_code),
    remaining: Number(row.remaining),
    create_time: row.create_time,
  }
}

/** A `ret_code` an administrator may arm: any code of the catalogue but 0 (1100 otherwise). */
export function requireErrorCode(code: number): number {
  if (errorNameOf(code)) return code
  const codes = [...NAME_OF_CODE.keys()].sort((a, b) => a - b).join(', ')
  throw new ApiError('InvalidRequestFormat', `parameter ret_code [${code}] is not an error code of the catalogue, use one of ${codes}`)
}

/** Stores a new fault; its id is the reply. (The cache epoch moves with the row: migration 0022's triggers.) */
export async function insertFault(ctx: { db: Queryable; ids: IdGenerator; clock: Clock }, fault: Omit<FaultTable, 'fault_id' | 'create_time'>): Promise<string> {
  const fault_id = ctx.ids.resource('flt')
  await ctx.db
    .insertInto('faults')
    .values({ ...fault, fault_id, create_time: formatTime(ctx.clock.now()) })
    .execute()
  return fault_id
}
