DROP INDEX "activity_projection_search_idx";--> statement-breakpoint
DROP INDEX "comments_search_idx";--> statement-breakpoint
DROP INDEX "decisions_search_idx";--> statement-breakpoint
DROP INDEX "documents_search_idx";