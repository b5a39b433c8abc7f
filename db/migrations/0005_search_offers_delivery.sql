ALTER TABLE "search_documents" ADD COLUMN "offers_delivery" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Every listing's document changes shape in this release (sellers' delivery terms on cards and the
-- "Giao tận nơi" filter; weighted search vectors): ask the relay to rebuild each seller's listings
-- from the current database state, on whichever engine is configured, instead of relying on someone
-- remembering `pnpm search:reindex`.
INSERT INTO "search_outbox" ("seller_id") SELECT "id" FROM "sellers";
