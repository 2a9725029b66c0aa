// Types of pg-runs.mjs (plain JavaScript: scripts/test.mjs imports it without a build).
import type pg from 'pg'

export declare const RUN_LOCK: number
export declare function newRunId(): string
export declare function holdRun(client: pg.Client, run: string): Promise<void>
export declare function dropRunDatabases(client: pg.Client, run: string): Promise<void>
export declare function sweepEndedRuns(client: pg.Client, ownRun: string): Promise<void>
export declare function dropEndedProcessDatabases(client: pg.Client, run: string): Promise<void>
