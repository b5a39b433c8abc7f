CREATE TYPE "public"."payment_attempt_status" AS ENUM('pending', 'processing', 'failed', 'cancelled', 'succeeded', 'partially_refunded', 'refunded');--> statement-breakpoint
CREATE TYPE "public"."payment_event_outcome" AS ENUM('applied', 'unchanged', 'flagged', 'ignored', 'unknown_payment');--> statement-breakpoint
CREATE TYPE "public"."payment_flag_reason" AS ENUM('amount_mismatch', 'currency_mismatch', 'refund_exceeds_payment');--> statement-breakpoint
CREATE TYPE "public"."refund_reason" AS ENUM('cancelled', 'late_payment', 'duplicate_payment', 'after_delivery');--> statement-breakpoint
CREATE TYPE "public"."refund_status" AS ENUM('pending', 'processing', 'completed', 'failed');--> statement-breakpoint
CREATE TABLE "payment_events" (
	"id" text PRIMARY KEY NOT NULL,
	"provider" "payment_method" NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"payment_id" text,
	"order_id" text,
	"fulfilment_id" text,
	"amount_vnd" bigint,
	"outcome" "payment_event_outcome" NOT NULL,
	"summary" json NOT NULL,
	"actor_user_id" text,
	"occurred_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_events_amount_non_negative" CHECK ("payment_events"."amount_vnd" IS NULL OR "payment_events"."amount_vnd" >= 0)
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"method" "payment_method" NOT NULL,
	"provider_ref" text NOT NULL,
	"attempt" integer NOT NULL,
	"expected_vnd" bigint NOT NULL,
	"received_vnd" bigint DEFAULT 0 NOT NULL,
	"refunded_vnd" bigint DEFAULT 0 NOT NULL,
	"status" "payment_attempt_status" DEFAULT 'pending' NOT NULL,
	"status_at" timestamp with time zone,
	"client_secret" text,
	"flag_reason" "payment_flag_reason",
	"flag_note" text,
	"flagged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_attempt_positive" CHECK ("payments"."attempt" >= 1),
	CONSTRAINT "payments_amounts_non_negative" CHECK ("payments"."expected_vnd" > 0 AND "payments"."received_vnd" >= 0 AND "payments"."refunded_vnd" >= 0),
	CONSTRAINT "payments_flag_pair" CHECK (("payments"."flag_reason" IS NULL) = ("payments"."flagged_at" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"payment_id" text NOT NULL,
	"fulfilment_id" text,
	"order_item_id" text,
	"method" "payment_method" NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"status" "refund_status" DEFAULT 'pending' NOT NULL,
	"reason" "refund_reason" NOT NULL,
	"provider_ref" text,
	"reference" text,
	"note" text,
	"seller_note" text,
	"requested_by_user_id" text,
	"completed_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "refunds_amount_positive" CHECK ("refunds"."amount_vnd" > 0),
	CONSTRAINT "refunds_completed_at" CHECK (("refunds"."status" = 'completed') = ("refunds"."completed_at" IS NOT NULL)),
	CONSTRAINT "refunds_fulfilment_unless_duplicate" CHECK (("refunds"."reason" = 'duplicate_payment') = ("refunds"."fulfilment_id" IS NULL)),
	CONSTRAINT "refunds_item_after_delivery" CHECK ("refunds"."order_item_id" IS NULL OR "refunds"."reason" = 'after_delivery')
);
--> statement-breakpoint
CREATE TABLE "seller_bank_accounts" (
	"seller_id" text PRIMARY KEY NOT NULL,
	"bank_bin" text NOT NULL,
	"bank_name" text NOT NULL,
	"account_number" text NOT NULL,
	"account_name" text NOT NULL,
	"updated_by_user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seller_bank_accounts_bin" CHECK ("seller_bank_accounts"."bank_bin" ~ '^[0-9]{6}$'),
	CONSTRAINT "seller_bank_accounts_number" CHECK ("seller_bank_accounts"."account_number" ~ '^[A-Za-z0-9]{1,19}$')
);
--> statement-breakpoint
CREATE TABLE "seller_payouts" (
	"id" text PRIMARY KEY NOT NULL,
	"seller_id" text NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"reference" text NOT NULL,
	"bank_bin" text,
	"bank_name" text,
	"account_number" text,
	"account_name" text,
	"recorded_by_user_id" text NOT NULL,
	"paid_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seller_payouts_amount_positive" CHECK ("seller_payouts"."amount_vnd" > 0)
);
--> statement-breakpoint
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_fulfilment_id_fulfilments_id_fk" FOREIGN KEY ("fulfilment_id") REFERENCES "public"."fulfilments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_events" ADD CONSTRAINT "payment_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_fulfilment_id_fulfilments_id_fk" FOREIGN KEY ("fulfilment_id") REFERENCES "public"."fulfilments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_order_item_id_order_items_id_fk" FOREIGN KEY ("order_item_id") REFERENCES "public"."order_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_requested_by_user_id_users_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_completed_by_user_id_users_id_fk" FOREIGN KEY ("completed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_bank_accounts" ADD CONSTRAINT "seller_bank_accounts_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_bank_accounts" ADD CONSTRAINT "seller_bank_accounts_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_payouts" ADD CONSTRAINT "seller_payouts_seller_id_sellers_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."sellers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_payouts" ADD CONSTRAINT "seller_payouts_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_events_provider_event_key" ON "payment_events" USING btree ("provider","event_id");--> statement-breakpoint
CREATE INDEX "payment_events_order_idx" ON "payment_events" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "payment_events_payment_idx" ON "payment_events" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "payment_events_fulfilment_idx" ON "payment_events" USING btree ("fulfilment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_provider_ref_key" ON "payments" USING btree ("provider_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_order_attempt_key" ON "payments" USING btree ("order_id","attempt");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_fulfilment_key" ON "refunds" USING btree ("fulfilment_id") WHERE "refunds"."reason" IN ('cancelled', 'late_payment');--> statement-breakpoint
CREATE INDEX "refunds_fulfilment_idx" ON "refunds" USING btree ("fulfilment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_duplicate_payment_key" ON "refunds" USING btree ("payment_id") WHERE "refunds"."reason" = 'duplicate_payment';--> statement-breakpoint
CREATE INDEX "refunds_order_idx" ON "refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "refunds_status_idx" ON "refunds" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "seller_payouts_seller_idx" ON "seller_payouts" USING btree ("seller_id","paid_at");