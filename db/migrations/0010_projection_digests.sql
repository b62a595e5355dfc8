CREATE TABLE "projection_pending" (
	"document_id" text PRIMARY KEY NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activity_projection" ADD COLUMN "content_digest" text DEFAULT '' NOT NULL;