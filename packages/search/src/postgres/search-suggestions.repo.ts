// Title completions from the PostgreSQL engine's index for GET /search/suggest.
import { sql } from 'drizzle-orm';
import type { SearchDb } from './search-db.ts';
import { rowsOf } from './search-sql.ts';

export type SuggestionRow = { title: string; category: string };

/**
 * Distinct titles matching the words so far in the title (the last word as a prefix, typos
 * corrected). Candidates are capped before ranking: a short prefix matches much of the index, and a
 * suggestion list needs only the best few.
 */
export async function suggestionRows(
  db: SearchDb,
  options: { match: string; folded: string; limit: number; candidates: number },
): Promise<SuggestionRow[]> {
  // The body vector (indexed) finds candidates; the title vector keeps those matching in the title.
  const result = await db.execute(sql`
    WITH c AS (
      SELECT p.title_folded, p.payload->>'title' AS title, d.category, d.created_at
      FROM search_documents d JOIN search_document_payloads p ON p.id = d.id
      WHERE d.search_vector @@ to_tsquery('simple', ${options.match})
        AND d.title_vector @@ to_tsquery('simple', ${options.match})
      LIMIT ${options.candidates}::int
    )
    SELECT (array_agg(title ORDER BY created_at DESC))[1] AS title,
           (array_agg(category ORDER BY created_at DESC))[1] AS category
    FROM c
    GROUP BY title_folded
    ORDER BY bool_or(title_folded LIKE ${`${options.folded}%`}) DESC, count(*) DESC, title_folded
    LIMIT ${options.limit}::int`);
  return rowsOf<SuggestionRow>(result);
}
