// SQL helpers shared by the PostgreSQL engine's repositories: no table, no query of their own.
import { sql } from 'drizzle-orm';

/** A text[] parameter. */
export const textArray = (values: readonly string[]) =>
  sql`ARRAY[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;

type Rows<T> = T[] | { rows: T[] };
/** postgres.js answers raw queries with an array of rows, PGlite with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  const rows = result as Rows<T>;
  return Array.isArray(rows) ? rows : rows.rows;
}

/** jsonb arrives parsed from both drivers; a string (a driver configured otherwise) is parsed here. */
export function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
