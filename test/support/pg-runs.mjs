// The PostgreSQL databases of test runs (TEST_DATABASE=postgres), shared by scripts/test.mjs and
// test/support/database.ts. Every database a run makes is named `<run>_…`, the run id being `qlt_`
// and 8 hex digits. Every process of a run holds the run's advisory lock, shared, for as long as it
// lives (on its connection to the `test` database): a run whose lock nobody holds has ended, and
// what it left behind (a crash, a kill) is dropped by the next run that sweeps.
import { randomBytes } from 'node:crypto'

/** The first key of the (int, int) advisory locks on run ids (the second: hashtext of the id). Arbitrary but fixed. */
export const RUN_LOCK = 724_151_004

export function newRunId() {
  return `qlt_${randomBytes(4).toString('hex')}`
}

/** Marks the run as alive for as long as `client`'s session lasts. */
export async function holdRun(client, run) {
  await client.query('select pg_advisory_lock_shared($1, hashtext($2))', [RUN_LOCK, run])
}

/** Drops every database of `run` (its template too), whoever is still connected to them. */
export async function dropRunDatabases(client, run) {
  const { rows } = await client.query('select datname, datistemplate from pg_database where starts_with(datname, $1)', [`${run}_`])
  for (const { datname, datistemplate } of rows) {
    if (datistemplate) await client.query(`alter database "${datname}" is_template false`)
    await client.query(`drop database if exists "${datname}" with (force)`)
  }
}

/** Drops the databases of every other run that has ended; a run still alive (its lock held) is left alone. */
export async function sweepEndedRuns(client, ownRun) {
  const { rows } = await client.query(`select distinct substring(datname from '^(qlt_[0-9a-f]{8})_') as run from pg_database where datname ~ '^qlt_[0-9a-f]{8}_'`)
  for (const { run } of rows) {
    if (run === ownRun) continue
    // exclusive, so granted only when no process of that run is left; held while dropping
    const { rows: locked } = await client.query('select pg_try_advisory_lock($1, hashtext($2)) as ended', [RUN_LOCK, run])
    if (!locked[0].ended) continue
    try {
      await dropRunDatabases(client, run)
    } finally {
      await client.query('select pg_advisory_unlock($1, hashtext($2))', [RUN_LOCK, run])
    }
  }
}

/** Whether a process of this machine is still running. */
function running(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code !== 'ESRCH' // EPERM: it exists, as another user's
  }
}

/**
 * Drops the databases of the run's test processes that have ended (named `<run>_<pid>_<random>_<n>`
 * by test/support/database.ts; the processes run on this machine, under the runner).
 */
export async function dropEndedProcessDatabases(client, run) {
  const { rows } = await client.query('select datname from pg_database where starts_with(datname, $1) and not datistemplate', [`${run}_`])
  for (const { datname } of rows) {
    const pid = Number(/^qlt_[0-9a-f]{8}_(\d+)_[0-9a-f]{4}_\d+$/.exec(datname)?.[1])
    if (pid && !running(pid)) await client.query(`drop database if exists "${datname}" with (force)`)
  }
}
