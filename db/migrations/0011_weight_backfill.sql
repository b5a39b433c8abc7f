-- Quantities become thousandths of the sale unit (decision 0029): every existing quantity was a
-- whole number of units, so ×1000 is exact and loses nothing. The stock ledger refuses UPDATE
-- (append-only trigger); this one-off rewrite of the unit it is counted in is the only exception,
-- so the trigger is set aside for the statement and put back at once.
UPDATE "lots" SET "quantity_milli" = "quantity" * 1000, "on_hand_milli" = "on_hand" * 1000;
--> statement-breakpoint
ALTER TABLE "stock_movements" DISABLE TRIGGER "stock_movements_no_update_delete";
--> statement-breakpoint
UPDATE "stock_movements" SET "delta_milli" = "delta" * 1000;
--> statement-breakpoint
ALTER TABLE "stock_movements" ENABLE TRIGGER "stock_movements_no_update_delete";
--> statement-breakpoint
UPDATE "listings" SET "min_order_milli" = "min_order" * 1000,
  "low_stock_threshold_milli" = "low_stock_threshold" * 1000;
--> statement-breakpoint
UPDATE "order_item_allocations" SET "quantity_milli" = "quantity" * 1000;
--> statement-breakpoint
UPDATE "order_items" SET "quantity_milli" = "quantity" * 1000;
