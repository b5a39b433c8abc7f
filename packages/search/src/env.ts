import { z } from 'zod';

/**
 * The search engine's configuration from the environment. The API reads it at start-up (and fails
 * fast on a bad value); the contract suite reads it to decide whether a Meilisearch server is there.
 */
const SearchEnvSchema = z
  .object({
    SEARCH_ENGINE: z.enum(['postgres', 'meilisearch']).default('postgres'),
    MEILI_URL: z.url({ protocol: /^https?$/ }).optional(),
    MEILI_MASTER_KEY: z.string().min(1).optional(),
    MEILI_INDEX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,400}$/, 'letters, digits, - and _ only')
      .default('listings'),
    /** One HTTP request to Meilisearch, abandoned after this long (then search falls back or answers 503). */
    MEILI_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  })
  .superRefine((env, ctx) => {
    if (env.SEARCH_ENGINE === 'meilisearch' && !env.MEILI_URL) {
      ctx.addIssue({ code: 'custom', path: ['MEILI_URL'], message: 'required when SEARCH_ENGINE=meilisearch' });
    }
  });

export type SearchEnv = {
  engine: 'postgres' | 'meilisearch';
  /** Set when a Meilisearch server is configured, whichever engine serves search. */
  meilisearch: { url: string; apiKey: string | undefined; indexUid: string; requestTimeoutMs: number } | null;
};

export function readSearchEnv(source: Record<string, string | undefined> = process.env): SearchEnv {
  // Empty strings mean unset, as in api/src/env.ts.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = SearchEnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`invalid search configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  return {
    engine: env.SEARCH_ENGINE,
    meilisearch: env.MEILI_URL
      ? {
          url: env.MEILI_URL,
          apiKey: env.MEILI_MASTER_KEY,
          indexUid: env.MEILI_INDEX,
          requestTimeoutMs: env.MEILI_TIMEOUT_MS,
        }
      : null,
  };
}
