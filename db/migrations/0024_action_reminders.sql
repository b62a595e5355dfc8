-- Reminders of follow-up actions coming due, once per action, stage and due date (server/notifications/actionReminders.ts).
CREATE TABLE "action_reminders" (
	"action_id" text NOT NULL,
	"stage" text NOT NULL,
	"due_date" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_reminders_action_id_stage_due_date_pk" PRIMARY KEY("action_id","stage","due_date")
);
--> statement-breakpoint
ALTER TABLE "action_reminders" ADD CONSTRAINT "action_reminders_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actions_open_due_idx" ON "actions" USING btree ("due_date") WHERE "actions"."status" = 'open';