CREATE TABLE "villages_buildings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text,
	"era_zh" text DEFAULT '' NOT NULL,
	"era_en" text,
	"building_type" text NOT NULL,
	"protection_level" text DEFAULT 'none' NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text,
	"footprint" geometry(Polygon,4326),
	"height_m" double precision,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "villages_buildings_height_ck" CHECK ("villages_buildings"."height_m" IS NULL OR ("villages_buildings"."height_m" > 0 AND "villages_buildings"."height_m" <= 100))
);
--> statement-breakpoint
CREATE TABLE "villages_media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"building_id" uuid,
	"kind" text NOT NULL,
	"alt_zh" text NOT NULL,
	"alt_en" text,
	"caption_zh" text DEFAULT '' NOT NULL,
	"caption_en" text,
	"credit" text DEFAULT '' NOT NULL,
	"source_sha256" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"variants" jsonb NOT NULL,
	"is_generated" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "villages_panoramas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"media_id" uuid NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text,
	"position" geometry(Point,4326),
	"heading_deg" double precision DEFAULT 0 NOT NULL,
	"hotspots" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "villages_pois" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text,
	"position" geometry(Point,4326) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "villages_register" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"town_code" text NOT NULL,
	"town" text NOT NULL,
	"county_code" text NOT NULL,
	"county" text NOT NULL,
	"city_code" text NOT NULL,
	"city" text NOT NULL,
	"pinyin" text NOT NULL,
	"initials" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "villages_scene_tilesets" (
	"village_id" uuid PRIMARY KEY NOT NULL,
	"prefix" text NOT NULL,
	"bounding_region" jsonb NOT NULL,
	"building_count" integer NOT NULL,
	"bytes" integer NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "villages_sections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"village_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"body_zh" text DEFAULT '' NOT NULL,
	"body_en" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "villages_tours" (
	"village_id" uuid PRIMARY KEY NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text,
	"stops" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "villages_villages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"region_code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text,
	"pinyin" text NOT NULL,
	"initials" text NOT NULL,
	"position" geometry(Point,4326) NOT NULL,
	"is_position_verified" boolean DEFAULT false NOT NULL,
	"boundary" geometry(Polygon,4326),
	"national_batch" smallint,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"summary_zh" text DEFAULT '' NOT NULL,
	"summary_en" text,
	"cover_media_id" uuid,
	"is_demo" boolean DEFAULT false NOT NULL,
	"published" jsonb,
	"published_at" timestamp with time zone,
	"has_draft_changes" boolean DEFAULT true NOT NULL,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "villages_villages_batch_ck" CHECK ("villages_villages"."national_batch" IS NULL OR "villages_villages"."national_batch" BETWEEN 1 AND 6),
	CONSTRAINT "villages_villages_code_ck" CHECK ("villages_villages"."code" ~ '^36[0-9]{10}$')
);
--> statement-breakpoint
ALTER TABLE "villages_buildings" ADD CONSTRAINT "villages_buildings_village_id_villages_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages_villages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "villages_media" ADD CONSTRAINT "villages_media_village_id_villages_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages_villages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "villages_media" ADD CONSTRAINT "villages_media_building_id_villages_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."villages_buildings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "villages_media" ADD CONSTRAINT "villages_media_created_by_accounts_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "villages_panoramas" ADD CONSTRAINT "villages_panoramas_village_id_villages_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages_villages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "villages_panoramas" ADD CONSTRAINT "villages_panoramas_media_id_villages_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."villages_media"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "villages_pois" ADD CONSTRAINT "villages_pois_village_id_villages_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages_villages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "villages_scene_tilesets" ADD CONSTRAINT "villages_scene_tilesets_village_id_villages_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages_villages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "villages_sections" ADD CONSTRAINT "villages_sections_village_id_villages_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages_villages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "villages_tours" ADD CONSTRAINT "villages_tours_village_id_villages_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages_villages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "villages_villages" ADD CONSTRAINT "villages_villages_code_villages_register_code_fk" FOREIGN KEY ("code") REFERENCES "public"."villages_register"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "villages_villages" ADD CONSTRAINT "villages_villages_updated_by_accounts_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."accounts_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "villages_buildings_village_idx" ON "villages_buildings" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "villages_buildings_footprint_gist" ON "villages_buildings" USING gist ("footprint");--> statement-breakpoint
CREATE INDEX "villages_media_village_idx" ON "villages_media" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "villages_media_building_idx" ON "villages_media" USING btree ("building_id");--> statement-breakpoint
CREATE INDEX "villages_panoramas_village_idx" ON "villages_panoramas" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "villages_panoramas_position_gist" ON "villages_panoramas" USING gist ("position");--> statement-breakpoint
CREATE INDEX "villages_pois_village_idx" ON "villages_pois" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "villages_pois_position_gist" ON "villages_pois" USING gist ("position");--> statement-breakpoint
CREATE INDEX "villages_register_county_idx" ON "villages_register" USING btree ("county_code");--> statement-breakpoint
CREATE INDEX "villages_register_pinyin_idx" ON "villages_register" USING btree ("pinyin");--> statement-breakpoint
CREATE INDEX "villages_register_name_idx" ON "villages_register" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "villages_sections_village_kind_uq" ON "villages_sections" USING btree ("village_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "villages_villages_code_uq" ON "villages_villages" USING btree ("code");--> statement-breakpoint
CREATE INDEX "villages_villages_region_idx" ON "villages_villages" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "villages_villages_position_gist" ON "villages_villages" USING gist ("position");--> statement-breakpoint
CREATE INDEX "villages_villages_boundary_gist" ON "villages_villages" USING gist ("boundary");