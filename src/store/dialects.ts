// The only place that knows SQLite and PostgreSQL differ. Feature code asks for a capability
// ("lock these rows", "was this a unique violation") instead of testing the dialect itself.
import type { SelectQueryBuilder } from 'kysely'

export type DialectName = 'sqlite' | 'postgres'

export interface Capabilities {
  name: DialectName
  /**
   * Row locks for read-then-write checks. PostgreSQL takes FOR UPDATE row locks; SQLite needs none
   * because the store runs one write transaction at a time on a single connection.
   */
  forUpdate<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>
  /**
   * Claims rows for exactly one worker: PostgreSQL locks them and makes other processes skip them
   * (FOR UPDATE SKIP LOCKED); SQLite has a single writer, so the transaction alone is enough.
   */
  claim<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>
  isUniqueViolation(error: unknown): boolean
}

const sqlite: Capabilities = {
  name: 'sqlite',
  forUpdate: (query) => query,
  claim: (query) => query,
  isUniqueViolation: (error) => (error as { code?: string })?.code?.startsWith('SQLITE_CONSTRAINT') === true,
}

const postgres: Capabilities = {
  name: 'postgres',
  forUpdate: (query) => query.forUpdate(),
  claim: (query) => query.forUpdate().skipLocked(),
  isUniqueViolation: (error) => (error as { code?: string })?.code === '23505',
}

export const capabilities = (name: DialectName): Capabilities => (name === 'sqlite' ? sqlite : postgres)
