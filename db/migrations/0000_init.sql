CREATE TYPE "public"."certification_type" AS ENUM('vietgap', 'globalgap', 'organic', 'ocop');--> statement-breakpoint
CREATE TYPE "public"."adjustment_reason" AS ENUM('spoilage', 'count', 'other');--> statement-breakpoint
CREATE TYPE "public"."stock_movement_kind" AS ENUM('receive', 'sale', 'release', 'adjustment');--> statement-breakpoint
CREATE TYPE "public"."listing_category" AS ENUM('tea', 'rice', 'vegetables', 'fruit', 'mushrooms', 'honey', 'dried', 'meat_eggs', 'seafood', 'herbs_spices', 'plants', 'other');--> statement-breakpoint
CREATE TYPE "public"."listing_status" AS ENUM('draft', 'active', 'sold_out', 'archived');--> statement-breakpoint
CREATE TYPE "public"."sale_unit" AS ENUM('kg', 'pack_500g', 'pack_200g', 'pack_100g', 'bunch', 'piece', 'item', 'plant', 'animal', 'ten', 'box', 'bag', 'jar', 'bottle', 'litre');--> statement-breakpoint
CREATE TYPE "public"."cancel_reason" AS ENUM('buyer', 'seller', 'payment_deadline', 'confirmation_deadline');--> statement-breakpoint
CREATE TYPE "public"."delivery_method" AS ENUM('pickup', 'delivery');--> statement-breakpoint
CREATE TYPE "public"."fulfilment_status" AS ENUM('awaiting_payment', 'awaiting_confirmation', 'confirmed', 'shipped', 'delivered', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."order_payment_status" AS ENUM('pending', 'paid', 'cancelled', 'refund_pending', 'refunded');--> statement-breakpoint
CREATE TYPE "public"."payment_method" AS ENUM('cod', 'stripe', 'bank_transfer');--> statement-breakpoint
CREATE TYPE "public"."member_display_preference" AS ENUM('full', 'initials', 'none');--> statement-breakpoint
CREATE TYPE "public"."member_role" AS ENUM('manager', 'staff', 'member');--> statement-breakpoint
CREATE TYPE "public"."member_status" AS ENUM('active', 'inactive');--> statement-breakpoint
CREATE TYPE "public"."seller_kind" AS ENUM('farmer', 'cooperative');--> statement-breakpoint
CREATE TABLE "certifications" (
	"id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"type" "certification_type" NOT NULL,
	"stars" smallint,
	"certificate_number" text NOT NULL,
	"issuer" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"created_by_user_id" text,
	"verified_at" timestamp with time zone,
	"verified_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certifications_ocop_stars" CHECK (("certifications"."type" = 'ocop') = ("certifications"."stars" IS NOT NULL)),
	CONSTRAINT "certifications_stars_range" CHECK ("certifications"."stars" IS NULL OR "certifications"."stars" BETWEEN 3 AND 5),
	CONSTRAINT "certifications_validity" CHECK ("certifications"."valid_to" >= "certifications"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "lots" (
	"id" text PRIMARY KEY NOT NULL,
	"listing_id" text NOT NULL,
	"member_id" text,
	"quantity" integer NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"harvested_at" date,
	"expires_at" date,
	"trace_code" text NOT NULL,
	"received_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lots_quantity_positive" CHECK ("lots"."quantity" > 0),
	CONSTRAINT "lots_on_hand_non_negative" CHECK ("lots"."on_hand" >= 0),
	CONSTRAINT "lots_expiry_after_harvest" CHECK ("lots"."expires_at" IS NULL OR "lots"."harvested_at" IS NULL OR "lots"."expires_at" >= "lots"."harvested_at")
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" text PRIMARY KEY NOT NULL,
	"lot_id" text NOT NULL,
	"listing_id" text NOT NULL,
	"kind" "stock_movement_kind" NOT NULL,
	"reason" "adjustment_reason",
	"delta" integer NOT NULL,
	"author_user_id" text,
	"order_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_movements_delta_non_zero" CHECK ("stock_movements"."delta" <> 0),
	CONSTRAINT "stock_movements_reason_iff_adjustment" CHECK (("stock_movements"."kind" = 'adjustment') = ("stock_movements"."reason" IS NOT NULL)),
	CONSTRAINT "stock_movements_delta_sign" CHECK (("stock_movements"."kind" IN ('receive', 'release') AND "stock_movements"."delta" > 0) OR ("stock_movements"."kind" = 'sale' AND "stock_movements"."delta" < 0) OR "stock_movements"."kind" = 'adjustment')
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"run_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 10 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"done_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listing_certifications" (
	"listing_id" text NOT NULL,
	"certification_id" text NOT NULL,
	CONSTRAINT "listing_certifications_listing_id_certification_id_pk" PRIMARY KEY("listing_id","certification_id")
);
--> statement-breakpoint
CREATE TABLE "listing_photos" (
	"listing_id" text NOT NULL,
	"media_id" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "listing_photos_listing_id_media_id_pk" PRIMARY KEY("listing_id","media_id")
);
--> statement-breakpoint
CREATE TABLE "listings" (
	"id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"category" "listing_category" NOT NULL,
	"unit" "sale_unit" NOT NULL,
	"price_vnd" integer NOT NULL,
	"min_order" integer DEFAULT 1 NOT NULL,
	"status" "listing_status" DEFAULT 'draft' NOT NULL,
	"harvested_at" date,
	"available_from" date,
	"shelf_life_days" integer,
	"low_stock_threshold" integer,
	"created_by_user_id" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "listings_price_positive" CHECK ("listings"."price_vnd" > 0),
	CONSTRAINT "listings_min_order_positive" CHECK ("listings"."min_order" >= 1),
	CONSTRAINT "listings_shelf_life_positive" CHECK ("listings"."shelf_life_days" IS NULL OR "listings"."shelf_life_days" > 0),
	CONSTRAINT "listings_low_stock_threshold_non_negative" CHECK ("listings"."low_stock_threshold" IS NULL OR "listings"."low_stock_threshold" >= 0)
);
--> statement-breakpoint
CREATE TABLE "media" (
	"id" text PRIMARY KEY NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"source_format" text NOT NULL,
	"variants" jsonb NOT NULL,
	"placeholder" text NOT NULL,
	"uploaded_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fulfilments" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"seller_id" text NOT NULL,
	"status" "fulfilment_status" NOT NULL,
	"delivery_method" "delivery_method" NOT NULL,
	"delivery_fee_vnd" integer NOT NULL,
	"subtotal_vnd" bigint NOT NULL,
	"total_vnd" bigint NOT NULL,
	"recipient_name" text,
	"recipient_phone" text,
	"province_id" text,
	"commune" text,
	"street" text,
	"pickup_address" text,
	"pickup_hours" text,
	"confirm_by" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"shipped_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" "cancel_reason",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fulfilments_total_sum" CHECK ("fulfilments"."total_vnd" = "fulfilments"."subtotal_vnd" + "fulfilments"."delivery_fee_vnd"),
	CONSTRAINT "fulfilments_fee_non_negative" CHECK ("fulfilments"."delivery_fee_vnd" >= 0),
	CONSTRAINT "fulfilments_delivery_address" CHECK ("fulfilments"."delivery_method" = 'pickup' OR ("fulfilments"."recipient_name" IS NOT NULL AND "fulfilments"."recipient_phone" IS NOT NULL AND "fulfilments"."province_id" IS NOT NULL AND "fulfilments"."street" IS NOT NULL)),
	CONSTRAINT "fulfilments_cancel_reason" CHECK (("fulfilments"."status" = 'cancelled') = ("fulfilments"."cancelled_at" IS NOT NULL AND "fulfilments"."cancel_reason" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer,
	"response_body" json,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "order_item_allocations" (
	"order_item_id" text NOT NULL,
	"lot_id" text NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "order_item_allocations_order_item_id_lot_id_pk" PRIMARY KEY("order_item_id","lot_id"),
	CONSTRAINT "order_item_allocations_quantity_positive" CHECK ("order_item_allocations"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "order_items" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"fulfilment_id" text NOT NULL,
	"listing_id" text NOT NULL,
	"title" text NOT NULL,
	"unit" "sale_unit" NOT NULL,
	"unit_price_vnd" integer NOT NULL,
	"quantity" integer NOT NULL,
	"line_total_vnd" bigint NOT NULL,
	"position" smallint NOT NULL,
	CONSTRAINT "order_items_quantity_positive" CHECK ("order_items"."quantity" > 0),
	CONSTRAINT "order_items_line_total" CHECK ("order_items"."line_total_vnd" = "order_items"."unit_price_vnd"::bigint * "order_items"."quantity")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"buyer_user_id" text NOT NULL,
	"payment_method" "payment_method" NOT NULL,
	"payment_status" "order_payment_status" DEFAULT 'pending' NOT NULL,
	"payment_deadline_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"subtotal_vnd" bigint NOT NULL,
	"delivery_fee_vnd" bigint NOT NULL,
	"total_vnd" bigint NOT NULL,
	"refund_due_vnd" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_total_sum" CHECK ("orders"."total_vnd" = "orders"."subtotal_vnd" + "orders"."delivery_fee_vnd"),
	CONSTRAINT "orders_amounts_non_negative" CHECK ("orders"."subtotal_vnd" > 0 AND "orders"."delivery_fee_vnd" >= 0),
	CONSTRAINT "orders_refund_bounded" CHECK ("orders"."refund_due_vnd" >= 0 AND "orders"."refund_due_vnd" <= "orders"."total_vnd")
);
--> statement-breakpoint
CREATE TABLE "search_document_payloads" (
	"id" text PRIMARY KEY NOT NULL,
	"title_folded" text NOT NULL,
	"body_folded" text NOT NULL,
	"payload" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"province_id" text NOT NULL,
	"certification_mask" smallint NOT NULL,
	"facet_id" integer NOT NULL,
	"in_stock" boolean NOT NULL,
	"price_vnd" integer NOT NULL,
	"seller_id" text NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"created_at" timestamp with time zone NOT NULL,
	"title_marks" text[] NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"title_vector" "tsvector" NOT NULL,
	CONSTRAINT "search_documents_location_pair" CHECK (("search_documents"."lat" IS NULL) = ("search_documents"."lng" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "search_facet_counts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "search_facet_counts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"category" text NOT NULL,
	"province_id" text NOT NULL,
	"certification_mask" smallint NOT NULL,
	"in_stock" boolean NOT NULL,
	"documents" integer NOT NULL,
	CONSTRAINT "search_facet_counts_documents" CHECK ("search_facet_counts"."documents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"term" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"listing_id" text,
	"seller_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "search_outbox_target" CHECK (("search_outbox"."listing_id" IS NULL) <> ("search_outbox"."seller_id" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "cooperative_members" (
	"id" text PRIMARY KEY NOT NULL,
	"cooperative_id" text NOT NULL,
	"user_id" text,
	"phone" text,
	"name" text NOT NULL,
	"role" "member_role" NOT NULL,
	"status" "member_status" DEFAULT 'active' NOT NULL,
	"display_preference" "member_display_preference" DEFAULT 'initials' NOT NULL,
	"deactivated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sellers" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "seller_kind" NOT NULL,
	"owner_user_id" text NOT NULL,
	"name" text NOT NULL,
	"province_id" text NOT NULL,
	"commune" text,
	"lat" double precision,
	"lng" double precision,
	"bio" text,
	"pickup_address" text,
	"pickup_hours" text,
	"offers_delivery" boolean DEFAULT false NOT NULL,
	"delivery_fee_vnd" integer DEFAULT 0 NOT NULL,
	"free_delivery_over_vnd" integer,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sellers_location_pair" CHECK (("sellers"."lat" IS NULL) = ("sellers"."lng" IS NULL)),
	CONSTRAINT "sellers_lat_range" CHECK ("sellers"."lat" IS NULL OR "sellers"."lat" BETWEEN -90 AND 90),
	CONSTRAINT "sellers_lng_range" CHECK ("sellers"."lng" IS NULL OR "sellers"."lng" BETWEEN -180 AND 180),
	CONSTRAINT "sellers_delivery_fee_non_negative" CHECK ("sellers"."delivery_fee_vnd" >= 0),
	CONSTRAINT "sellers_free_delivery_positive" CHECK ("sellers"."free_delivery_over_vnd" IS NULL OR "sellers"."free_delivery_over_vnd" > 0)
);
--> statement-breakpoint
CREATE TABLE "stock_import_refs" (
	"cooperative_id" text NOT NULL,
	"import_ref" text NOT NULL,
	"lot_id" text NOT NULL,
	"imported_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_import_refs_cooperative_id_import_ref_pk" PRIMARY KEY("cooperative_id","import_ref")
);
--> statement-breakpoint
CREATE TABLE "rate_limit_windows" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"hits" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "sign_in_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"consumed_at" timestamp with time zone,
	"request_ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"phone" text NOT NULL,
	"name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_verified_by_user_id_users_id_fk" FOREIGN KEY ("verified_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_member_id_cooperative_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."cooperative_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lots" ADD CONSTRAINT "lots_received_by_user_id_users_id_fk" FOREIGN KEY ("received_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_certifications" ADD CONSTRAINT "listing_certifications_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_certifications" ADD CONSTRAINT "listing_certifications_certification_id_certifications_id_fk" FOREIGN KEY ("certification_id") REFERENCES "public"."certifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_photos" ADD CONSTRAINT "listing_photos_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_photos" ADD CONSTRAINT "listing_photos_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_uploaded_by_user_id_users_id_fk" FOREIGN KEY ("uploaded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfilments" ADD CONSTRAINT "fulfilments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfilments" ADD CONSTRAINT "fulfilments_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_item_allocations" ADD CONSTRAINT "order_item_allocations_order_item_id_order_items_id_fk" FOREIGN KEY ("order_item_id") REFERENCES "public"."order_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_item_allocations" ADD CONSTRAINT "order_item_allocations_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_fulfilment_id_fulfilments_id_fk" FOREIGN KEY ("fulfilment_id") REFERENCES "public"."fulfilments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_buyer_user_id_users_id_fk" FOREIGN KEY ("buyer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_document_payloads" ADD CONSTRAINT "search_document_payloads_id_search_documents_id_fk" FOREIGN KEY ("id") REFERENCES "public"."search_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_members" ADD CONSTRAINT "cooperative_members_cooperative_id_sellers_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."sellers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperative_members" ADD CONSTRAINT "cooperative_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sellers" ADD CONSTRAINT "sellers_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_import_refs" ADD CONSTRAINT "stock_import_refs_cooperative_id_sellers_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_import_refs" ADD CONSTRAINT "stock_import_refs_lot_id_lots_id_fk" FOREIGN KEY ("lot_id") REFERENCES "public"."lots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_import_refs" ADD CONSTRAINT "stock_import_refs_imported_by_user_id_users_id_fk" FOREIGN KEY ("imported_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certifications_seller_idx" ON "certifications" USING btree ("seller_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certifications_seller_number_key" ON "certifications" USING btree ("seller_id","type","certificate_number");--> statement-breakpoint
CREATE INDEX "lots_listing_idx" ON "lots" USING btree ("listing_id");--> statement-breakpoint
CREATE INDEX "lots_member_idx" ON "lots" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "lots_trace_code_key" ON "lots" USING btree ("trace_code");--> statement-breakpoint
CREATE INDEX "stock_movements_lot_idx" ON "stock_movements" USING btree ("lot_id","created_at");--> statement-breakpoint
CREATE INDEX "stock_movements_listing_idx" ON "stock_movements" USING btree ("listing_id","created_at");--> statement-breakpoint
CREATE INDEX "stock_movements_order_idx" ON "stock_movements" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("run_at") WHERE "jobs"."done_at" IS NULL AND "jobs"."failed_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_dedupe_key" ON "jobs" USING btree ("dedupe_key") WHERE "jobs"."dedupe_key" IS NOT NULL AND "jobs"."done_at" IS NULL AND "jobs"."failed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "listing_certifications_cert_idx" ON "listing_certifications" USING btree ("certification_id");--> statement-breakpoint
CREATE UNIQUE INDEX "listing_photos_position_key" ON "listing_photos" USING btree ("listing_id","position");--> statement-breakpoint
CREATE INDEX "listings_seller_status_idx" ON "listings" USING btree ("seller_id","status");--> statement-breakpoint
CREATE INDEX "listings_category_status_idx" ON "listings" USING btree ("category","status");--> statement-breakpoint
CREATE INDEX "media_uploaded_by_idx" ON "media" USING btree ("uploaded_by_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fulfilments_order_seller_key" ON "fulfilments" USING btree ("order_id","seller_id");--> statement-breakpoint
CREATE INDEX "fulfilments_seller_created_idx" ON "fulfilments" USING btree ("seller_id","created_at","id");--> statement-breakpoint
CREATE INDEX "order_item_allocations_lot_idx" ON "order_item_allocations" USING btree ("lot_id");--> statement-breakpoint
CREATE INDEX "order_items_order_idx" ON "order_items" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_items_fulfilment_idx" ON "order_items" USING btree ("fulfilment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "order_items_order_listing_key" ON "order_items" USING btree ("order_id","listing_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_code_key" ON "orders" USING btree ("code");--> statement-breakpoint
CREATE INDEX "orders_buyer_created_idx" ON "orders" USING btree ("buyer_user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "orders_payment_deadline_idx" ON "orders" USING btree ("payment_deadline_at") WHERE "orders"."payment_status" = 'pending';--> statement-breakpoint
CREATE INDEX "search_documents_vector_idx" ON "search_documents" USING gin ("search_vector") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "search_documents_category_idx" ON "search_documents" USING btree ("category");--> statement-breakpoint
CREATE INDEX "search_documents_province_idx" ON "search_documents" USING btree ("province_id");--> statement-breakpoint
CREATE INDEX "search_documents_seller_idx" ON "search_documents" USING btree ("seller_id");--> statement-breakpoint
CREATE INDEX "search_documents_price_idx" ON "search_documents" USING btree ("price_vnd");--> statement-breakpoint
CREATE INDEX "search_documents_created_idx" ON "search_documents" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "search_documents_lat_lng_idx" ON "search_documents" USING btree ("lat","lng");--> statement-breakpoint
CREATE UNIQUE INDEX "search_facet_counts_key" ON "search_facet_counts" USING btree ("category","province_id","certification_mask","in_stock");--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gin ("term" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_outbox_pending_idx" ON "search_outbox" USING btree ("id") WHERE "search_outbox"."processed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "cooperative_members_coop_idx" ON "cooperative_members" USING btree ("cooperative_id");--> statement-breakpoint
CREATE INDEX "cooperative_members_user_idx" ON "cooperative_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "cooperative_members_phone_idx" ON "cooperative_members" USING btree ("phone");--> statement-breakpoint
CREATE UNIQUE INDEX "cooperative_members_coop_phone_key" ON "cooperative_members" USING btree ("cooperative_id","phone") WHERE "cooperative_members"."phone" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "sellers_owner_idx" ON "sellers" USING btree ("owner_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_import_refs_lot_key" ON "stock_import_refs" USING btree ("lot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sign_in_codes_phone_created_idx" ON "sign_in_codes" USING btree ("phone","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_phone_key" ON "users" USING btree ("phone");