ALTER TABLE "document_contributions" ADD COLUMN "clients" jsonb;--> statement-breakpoint
ALTER TABLE "document_contributions" ADD COLUMN "deletes" jsonb;