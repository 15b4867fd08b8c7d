CREATE TABLE "elements" (
	"model_id" uuid NOT NULL,
	"global_id" text NOT NULL,
	"express_id" integer NOT NULL,
	"ifc_class" text NOT NULL,
	"name" text,
	"storey" text,
	"type_name" text,
	"material" text,
	"property_sets" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"bbox_enu" jsonb,
	"footprint" geometry(Polygon,4326),
	CONSTRAINT "elements_pk" PRIMARY KEY("model_id","global_id")
);
--> statement-breakpoint
CREATE TABLE "layers" (
	"id" text PRIMARY KEY NOT NULL,
	"plate" text NOT NULL,
	"title" text NOT NULL,
	"title_en" text NOT NULL,
	"kind" text NOT NULL,
	"cim_level" integer,
	"source" text NOT NULL,
	"url" text NOT NULL,
	"default_visible" boolean DEFAULT false NOT NULL,
	"style" jsonb,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"file_name" text NOT NULL,
	"source_sha256" text NOT NULL,
	"placement_key" text DEFAULT '' NOT NULL,
	"schema" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"error_message" text,
	"georef" jsonb,
	"georef_method" text DEFAULT 'none' NOT NULL,
	"epsg" integer,
	"anchor" geometry(PointZ,4326),
	"heading_deg" double precision,
	"footprint" geometry(Polygon,4326),
	"height_m" double precision,
	"tileset_dir" text NOT NULL,
	"element_count" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"region_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" text,
	"center" geometry(Point,4326) NOT NULL,
	"boundary" geometry(MultiPolygon,4326) NOT NULL,
	"source" text NOT NULL,
	"source_crs" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "road_segments" (
	"id" text PRIMARY KEY NOT NULL,
	"reverse_road_id" text,
	"from_intersection" text NOT NULL,
	"to_intersection" text NOT NULL,
	"length_m" double precision NOT NULL,
	"lanes_forward" integer NOT NULL,
	"lanes_reverse" integer NOT NULL,
	"speed_limit_mps" double precision NOT NULL,
	"geom" geometry(LineString,4326) NOT NULL
);
--> statement-breakpoint
ALTER TABLE "elements" ADD CONSTRAINT "elements_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "elements_model_class_idx" ON "elements" USING btree ("model_id","ifc_class");--> statement-breakpoint
CREATE INDEX "elements_model_storey_idx" ON "elements" USING btree ("model_id","storey");--> statement-breakpoint
CREATE INDEX "elements_name_trgm" ON "elements" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "elements_footprint_gist" ON "elements" USING gist ("footprint");--> statement-breakpoint
CREATE UNIQUE INDEX "models_source_placement_uq" ON "models" USING btree ("source_sha256","placement_key");--> statement-breakpoint
CREATE INDEX "models_status_idx" ON "models" USING btree ("status");--> statement-breakpoint
CREATE INDEX "models_anchor_gist" ON "models" USING gist ("anchor");--> statement-breakpoint
CREATE INDEX "models_footprint_gist" ON "models" USING gist ("footprint");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "regions_level_idx" ON "regions" USING btree ("level");--> statement-breakpoint
CREATE INDEX "regions_center_gist" ON "regions" USING gist ("center");--> statement-breakpoint
CREATE INDEX "regions_boundary_gist" ON "regions" USING gist ("boundary");--> statement-breakpoint
CREATE INDEX "road_segments_geom_gist" ON "road_segments" USING gist ("geom");