-- Search (packages/search search-scale.ts): a broad query's page is read from a window of its sort
-- key (the newest listings, the cheapest, the dearest) cut along the planner's histogram of that
-- key. With the default 100 buckets a window is at least 1 % of the catalogue (10,000 rows at a
-- million listings) however few matches it needs; 1,000 buckets cut it ten times finer. ANALYZE
-- samples more rows for these two columns only. (SET STATISTICS cannot be written in the drizzle schema.)
ALTER TABLE search_documents ALTER COLUMN created_at SET STATISTICS 1000;
--> statement-breakpoint
ALTER TABLE search_documents ALTER COLUMN price_vnd SET STATISTICS 1000;
