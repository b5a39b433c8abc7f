// The db command-line scripts read their configuration here (STYLE.md: process.env only in env.ts).
export const dbEnv = Object.freeze({
  url: process.env.DATABASE_URL || undefined,
  dataDir: process.env.DATA_DIR || './data',
});
