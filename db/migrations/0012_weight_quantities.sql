CREATE TYPE "public"."listing_sold_by" AS ENUM('unit', 'measure');--> statement-breakpoint
ALTER TABLE "lots" DROP CONSTRAINT "lots_quantity_positive";--> statement-breakpoint
ALTER TABLE "lots" DROP CONSTRAINT "lots_on_hand_non_negative";--> statement-breakpoint
ALTER TABLE "stock_movements" DROP CONSTRAINT "stock_movements_delta_non_zero";--> statement-breakpoint
ALTER TABLE "stock_movements" DROP CONSTRAINT "stock_movements_delta_sign";--> statement-breakpoint
ALTER TABLE "listings" DROP CONSTRAINT "listings_min_order_positive";--> statement-breakpoint
ALTER TABLE "listings" DROP CONSTRAINT "listings_low_stock_threshold_non_negative";--> statement-breakpoint
ALTER TABLE "order_item_allocations" DROP CONSTRAINT "order_item_allocations_quantity_positive";--> statement-breakpoint
ALTER TABLE "order_items" DROP CONSTRAINT "order_items_quantity_positive";--> statement-breakpoint
ALTER TABLE "order_items" DROP CONSTRAINT "order_items_line_total";--> statement-breakpoint
ALTER TABLE "lots" ALTER COLUMN "quantity_milli" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "lots" ALTER COLUMN "on_hand_milli" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "lots" ALTER COLUMN "on_hand_milli" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "stock_movements" ALTER COLUMN "delta_milli" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ALTER COLUMN "min_order_milli" SET DEFAULT 1000;--> statement-breakpoint
ALTER TABLE "listings" ALTER COLUMN "min_order_milli" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_item_allocations" ALTER COLUMN "quantity_milli" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "quantity_milli" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "sold_by" "listing_sold_by" DEFAULT 'unit' NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "quantity_step_milli" integer DEFAULT 1000 NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "priced_at_packing" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "estimated_weight_milli" integer;--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "weight_tolerance_pct" smallint DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "estimated_weight_milli" integer;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "weight_tolerance_pct" smallint;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "final_weight_milli" integer;--> statement-breakpoint
ALTER TABLE "lots" DROP COLUMN "quantity";--> statement-breakpoint
ALTER TABLE "lots" DROP COLUMN "on_hand";--> statement-breakpoint
ALTER TABLE "stock_movements" DROP COLUMN "delta";--> statement-breakpoint
ALTER TABLE "listings" DROP COLUMN "min_order";--> statement-breakpoint
ALTER TABLE "listings" DROP COLUMN "low_stock_threshold";--> statement-breakpoint
ALTER TABLE "order_item_allocations" DROP COLUMN "quantity";--> statement-breakpoint
ALTER TABLE "order_items" DROP COLUMN "quantity";--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_quantity_milli_positive" CHECK ("lots"."quantity_milli" > 0);--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_on_hand_milli_non_negative" CHECK ("lots"."on_hand_milli" >= 0);--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_delta_milli_non_zero" CHECK ("stock_movements"."delta_milli" <> 0);--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_delta_milli_sign" CHECK (("stock_movements"."kind" IN ('receive', 'release') AND "stock_movements"."delta_milli" > 0) OR ("stock_movements"."kind" = 'sale' AND "stock_movements"."delta_milli" < 0) OR "stock_movements"."kind" = 'adjustment');--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_min_order_milli_positive" CHECK ("listings"."min_order_milli" > 0);--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_quantity_step" CHECK ("listings"."quantity_step_milli" > 0 AND "listings"."min_order_milli" % "listings"."quantity_step_milli" = 0 AND ("listings"."sold_by" = 'measure' OR "listings"."quantity_step_milli" = 1000));--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_measure_unit" CHECK ("listings"."sold_by" = 'unit' OR "listings"."unit" IN ('kg', 'litre'));--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_priced_at_packing" CHECK (NOT "listings"."priced_at_packing" OR ("listings"."sold_by" = 'unit' AND "listings"."estimated_weight_milli" > 0));--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_weight_tolerance" CHECK ("listings"."weight_tolerance_pct" BETWEEN 0 AND 100);--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_low_stock_threshold_non_negative" CHECK ("listings"."low_stock_threshold_milli" IS NULL OR "listings"."low_stock_threshold_milli" >= 0);--> statement-breakpoint
ALTER TABLE "order_item_allocations" ADD CONSTRAINT "order_item_allocations_quantity_milli_positive" CHECK ("order_item_allocations"."quantity_milli" > 0);--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_quantity_milli_positive" CHECK ("order_items"."quantity_milli" > 0);--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_line_total_milli" CHECK ("order_items"."line_total_vnd" = ("order_items"."unit_price_vnd"::bigint * COALESCE("order_items"."final_weight_milli", "order_items"."estimated_weight_milli", "order_items"."quantity_milli") + 500) / 1000);--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_weight_priced" CHECK (("order_items"."estimated_weight_milli" IS NULL AND "order_items"."weight_tolerance_pct" IS NULL AND "order_items"."final_weight_milli" IS NULL) OR ("order_items"."estimated_weight_milli" > 0 AND "order_items"."weight_tolerance_pct" BETWEEN 0 AND 100 AND ("order_items"."final_weight_milli" IS NULL OR "order_items"."final_weight_milli" > 0)));