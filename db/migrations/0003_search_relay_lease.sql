CREATE TABLE "search_relay_lease" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "search_relay_lease_single_row" CHECK ("search_relay_lease"."id" = 1)
);
