CREATE TABLE "review_parcels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"region_code" text NOT NULL,
	"boundary" geometry(Polygon,4326) NOT NULL,
	"land_use" text NOT NULL,
	"height_limit_m" double precision,
	"far_min" double precision,
	"far_max" double precision,
	"density_max" double precision,
	"green_ratio_min" double precision,
	"setbacks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sunlight_hours_min" double precision,
	"placement" jsonb,
	"is_demo" boolean DEFAULT false NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_parcels_density_ck" CHECK ("review_parcels"."density_max" IS NULL OR ("review_parcels"."density_max" >= 0 AND "review_parcels"."density_max" <= 1)),
	CONSTRAINT "review_parcels_green_ck" CHECK ("review_parcels"."green_ratio_min" IS NULL OR ("review_parcels"."green_ratio_min" >= 0 AND "review_parcels"."green_ratio_min" <= 1)),
	CONSTRAINT "review_parcels_far_ck" CHECK ("review_parcels"."far_min" IS NULL OR "review_parcels"."far_max" IS NULL OR "review_parcels"."far_min" <= "review_parcels"."far_max")
);
--> statement-breakpoint
CREATE TABLE "review_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"parcel_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"applicant_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"region_code" text NOT NULL,
	"submitted_by" text NOT NULL,
	"upload_id" text NOT NULL,
	"source_file_name" text NOT NULL,
	"source_bytes" bigint NOT NULL,
	"source_sha256" text NOT NULL,
	"source_format" text NOT NULL,
	"ifc_schema" text DEFAULT '' NOT NULL,
	"progress" jsonb,
	"tileset_prefix" text,
	"anchor" geometry(PointZ,4326),
	"measures" jsonb,
	"checks" jsonb,
	"checked_at" timestamp with time zone,
	"error_message" text,
	"reviewed_by" text,
	"review_comment" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_submissions_status_ck" CHECK ("review_submissions"."status" IN ('submitted','converting','checking','pending-review','approved','returned','failed'))
);
--> statement-breakpoint
ALTER TABLE "review_parcels" ADD CONSTRAINT "review_parcels_created_by_accounts_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_projects" ADD CONSTRAINT "review_projects_parcel_id_review_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "public"."review_parcels"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_projects" ADD CONSTRAINT "review_projects_applicant_id_accounts_users_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."accounts_users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_submissions" ADD CONSTRAINT "review_submissions_project_id_review_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."review_projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_submissions" ADD CONSTRAINT "review_submissions_submitted_by_accounts_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."accounts_users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_submissions" ADD CONSTRAINT "review_submissions_reviewed_by_accounts_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."accounts_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_parcels_code_uq" ON "review_parcels" USING btree ("code");--> statement-breakpoint
CREATE INDEX "review_parcels_region_idx" ON "review_parcels" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "review_parcels_boundary_gist" ON "review_parcels" USING gist ("boundary");--> statement-breakpoint
CREATE UNIQUE INDEX "review_projects_applicant_parcel_name_uq" ON "review_projects" USING btree ("applicant_id","parcel_id","name");--> statement-breakpoint
CREATE INDEX "review_projects_region_idx" ON "review_projects" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "review_submissions_project_version_uq" ON "review_submissions" USING btree ("project_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "review_submissions_upload_uq" ON "review_submissions" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "review_submissions_region_status_idx" ON "review_submissions" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "review_submissions_submitted_by_idx" ON "review_submissions" USING btree ("submitted_by");--> statement-breakpoint
CREATE INDEX "review_submissions_anchor_gist" ON "review_submissions" USING gist ("anchor");