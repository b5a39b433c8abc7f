--> statement-breakpoint
-- Search (packages/search): no planner statistics for the full-text vector. With them, a word that
-- matches a tenth of the catalogue makes the planner prefer a sequential scan that evaluates `@@`
-- on every row, several times slower than the GIN index it would otherwise use (measured at 100,000
-- listings). Without them it assumes the default 0.5 % selectivity and always takes the index, which
-- is the right plan for every text search. (SET STATISTICS cannot be written in the drizzle schema.)
ALTER TABLE search_documents ALTER COLUMN search_vector SET STATISTICS 0;
--> statement-breakpoint
--> statement-breakpoint
-- The stock ledger is append-only: a correction is a new adjustment row, never an edit. Lots'
-- on_hand is the sum of these rows, so an UPDATE or DELETE here would make the two disagree.
CREATE OR REPLACE FUNCTION stock_movements_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stock_movements is append-only: % refused', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER stock_movements_no_update_delete
  BEFORE UPDATE OR DELETE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION stock_movements_append_only();
--> statement-breakpoint
CREATE TRIGGER stock_movements_no_truncate
  BEFORE TRUNCATE ON stock_movements
  FOR EACH STATEMENT EXECUTE FUNCTION stock_movements_append_only();
--> statement-breakpoint
