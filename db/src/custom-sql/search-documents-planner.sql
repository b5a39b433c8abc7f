--> statement-breakpoint
-- Search (packages/search): no planner statistics for the full-text vector. With them, a word that
-- matches a tenth of the catalogue makes the planner prefer a sequential scan that evaluates `@@`
-- on every row, several times slower than the GIN index it would otherwise use (measured at 100,000
-- listings). Without them it assumes the default 0.5 % selectivity and always takes the index, which
-- is the right plan for every text search. (SET STATISTICS cannot be written in the drizzle schema.)
ALTER TABLE search_documents ALTER COLUMN search_vector SET STATISTICS 0;
--> statement-breakpoint
