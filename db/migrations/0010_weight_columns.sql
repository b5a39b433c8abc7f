ALTER TABLE "lots" ADD COLUMN "quantity_milli" integer;--> statement-breakpoint
ALTER TABLE "lots" ADD COLUMN "on_hand_milli" integer;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD COLUMN "delta_milli" integer;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "min_order_milli" integer;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "low_stock_threshold_milli" integer;--> statement-breakpoint
ALTER TABLE "order_item_allocations" ADD COLUMN "quantity_milli" integer;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "quantity_milli" integer;