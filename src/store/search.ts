// `search_word` matching shared by every Describe action: a case-insensitive substring match that
// behaves the same on SQLite (LIKE is case-insensitive, has no default escape) and PostgreSQL.
import { sql, type Expression, type SqlBool } from 'kysely'

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** `column` contains `word`, ignoring case; `%` and `_` in the word match themselves. */
export function contains(column: string, word: string): Expression<SqlBool> {
  const pattern = `%${escapeLike(word.toLowerCase())}%`
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`
}
