import { type RawBuilder, sql } from 'kysely';

/**
 * A word in an edition's language, in SQL: the translation row's (`own`, from a LEFT JOIN on the language) where
 * it is written, the base row's (the primary edition's words) where the translation is missing or left empty.
 * Column references and a literal only, no parameter: it fits the story page's query, compiled once.
 */
export function ownOrBase(own: string, base: string): RawBuilder<string> {
  return sql<string>`coalesce(nullif(${sql.ref(own)}, ''), ${sql.ref(base)})`;
}
