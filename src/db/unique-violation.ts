/**
 * Whether a database error is a violation of the unique index `index` over `columns` of `table`: PostgreSQL names
 * the index (`23505`, `constraint`), SQLite the columns ("UNIQUE constraint failed: stories.a, stories.b").
 */
export function violatesUnique(err: unknown, table: string, index: string, columns: readonly string[]): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code === '23505') return e.constraint === index;
  return (
    typeof e.message === 'string' &&
    e.message.includes(`UNIQUE constraint failed: ${columns.map((c) => `${table}.${c}`).join(', ')}`)
  );
}
