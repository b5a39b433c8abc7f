CREATE TABLE "delivery_zones" (
	"id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"commune_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"province_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"rate" jsonb NOT NULL,
	"free_over_vnd" integer,
	"min_order_vnd" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delivery_zones_covers_something" CHECK (cardinality("delivery_zones"."commune_codes") + cardinality("delivery_zones"."province_ids") > 0),
	CONSTRAINT "delivery_zones_free_over_positive" CHECK ("delivery_zones"."free_over_vnd" IS NULL OR "delivery_zones"."free_over_vnd" > 0),
	CONSTRAINT "delivery_zones_min_order_positive" CHECK ("delivery_zones"."min_order_vnd" IS NULL OR "delivery_zones"."min_order_vnd" > 0)
);
--> statement-breakpoint
ALTER TABLE "listings" ADD COLUMN "shipping_weight_grams" integer;--> statement-breakpoint
ALTER TABLE "fulfilments" ADD COLUMN "commune_code" text;--> statement-breakpoint
ALTER TABLE "sellers" ADD COLUMN "commune_code" text;--> statement-breakpoint
ALTER TABLE "sellers" ADD COLUMN "street" text;--> statement-breakpoint
ALTER TABLE "sellers" ADD COLUMN "pickup_province_id" text;--> statement-breakpoint
ALTER TABLE "sellers" ADD COLUMN "pickup_commune_code" text;--> statement-breakpoint
ALTER TABLE "sellers" ADD COLUMN "pickup_street" text;--> statement-breakpoint
ALTER TABLE "delivery_zones" ADD CONSTRAINT "delivery_zones_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delivery_zones_seller_idx" ON "delivery_zones" USING btree ("seller_id","position");--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_shipping_weight_positive" CHECK ("listings"."shipping_weight_grams" IS NULL OR "listings"."shipping_weight_grams" > 0);--> statement-breakpoint
ALTER TABLE "sellers" ADD CONSTRAINT "sellers_commune_code_check" CHECK ("sellers"."commune_code" IS NULL OR "sellers"."commune_code" ~ '^[0-9]{5}$');--> statement-breakpoint
ALTER TABLE "sellers" ADD CONSTRAINT "sellers_pickup_place" CHECK (("sellers"."pickup_commune_code" IS NULL) = ("sellers"."pickup_province_id" IS NULL) AND ("sellers"."pickup_commune_code" IS NULL OR "sellers"."pickup_commune_code" ~ '^[0-9]{5}$'));