CREATE TABLE "lifelines_nodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"network" text NOT NULL,
	"kind" text NOT NULL,
	"geom" geometry(PointZ,4326) NOT NULL,
	"depth_m" double precision NOT NULL,
	"region_code" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lifelines_nodes_network_ck" CHECK ("lifelines_nodes"."network" IN ('water','storm','sewage','gas','heat')),
	CONSTRAINT "lifelines_nodes_kind_ck" CHECK ("lifelines_nodes"."kind" IN ('valve','manhole','hydrant','tee','junction','source')),
	CONSTRAINT "lifelines_nodes_depth_ck" CHECK ("lifelines_nodes"."depth_m" >= 0 AND "lifelines_nodes"."depth_m" < 100)
);
--> statement-breakpoint
CREATE TABLE "lifelines_pipes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"network" text NOT NULL,
	"geom" geometry(LineStringZ,4326) NOT NULL,
	"from_node_id" uuid NOT NULL,
	"to_node_id" uuid NOT NULL,
	"diameter_mm" integer NOT NULL,
	"material" text NOT NULL,
	"install_year" integer,
	"owner" text NOT NULL,
	"pressure_class" text DEFAULT '' NOT NULL,
	"cover_from_m" double precision NOT NULL,
	"cover_to_m" double precision NOT NULL,
	"length_m" double precision NOT NULL,
	"region_code" text NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lifelines_pipes_network_ck" CHECK ("lifelines_pipes"."network" IN ('water','storm','sewage','gas','heat')),
	CONSTRAINT "lifelines_pipes_diameter_ck" CHECK ("lifelines_pipes"."diameter_mm" > 0 AND "lifelines_pipes"."diameter_mm" <= 10000),
	CONSTRAINT "lifelines_pipes_cover_ck" CHECK ("lifelines_pipes"."cover_from_m" >= 0 AND "lifelines_pipes"."cover_to_m" >= 0 AND "lifelines_pipes"."cover_from_m" < 100 AND "lifelines_pipes"."cover_to_m" < 100),
	CONSTRAINT "lifelines_pipes_length_ck" CHECK ("lifelines_pipes"."length_m" > 0),
	CONSTRAINT "lifelines_pipes_year_ck" CHECK ("lifelines_pipes"."install_year" IS NULL OR ("lifelines_pipes"."install_year" >= 1850 AND "lifelines_pipes"."install_year" <= 2100)),
	CONSTRAINT "lifelines_pipes_ends_ck" CHECK ("lifelines_pipes"."from_node_id" <> "lifelines_pipes"."to_node_id")
);
--> statement-breakpoint
ALTER TABLE "lifelines_pipes" ADD CONSTRAINT "lifelines_pipes_from_node_id_lifelines_nodes_id_fk" FOREIGN KEY ("from_node_id") REFERENCES "public"."lifelines_nodes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lifelines_pipes" ADD CONSTRAINT "lifelines_pipes_to_node_id_lifelines_nodes_id_fk" FOREIGN KEY ("to_node_id") REFERENCES "public"."lifelines_nodes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lifelines_nodes_code_uq" ON "lifelines_nodes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "lifelines_nodes_network_kind_idx" ON "lifelines_nodes" USING btree ("network","kind");--> statement-breakpoint
CREATE INDEX "lifelines_nodes_region_idx" ON "lifelines_nodes" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "lifelines_nodes_geom_gist" ON "lifelines_nodes" USING gist ("geom");--> statement-breakpoint
CREATE UNIQUE INDEX "lifelines_pipes_code_uq" ON "lifelines_pipes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "lifelines_pipes_network_diameter_idx" ON "lifelines_pipes" USING btree ("network","diameter_mm");--> statement-breakpoint
CREATE INDEX "lifelines_pipes_from_idx" ON "lifelines_pipes" USING btree ("from_node_id");--> statement-breakpoint
CREATE INDEX "lifelines_pipes_to_idx" ON "lifelines_pipes" USING btree ("to_node_id");--> statement-breakpoint
CREATE INDEX "lifelines_pipes_region_idx" ON "lifelines_pipes" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "lifelines_pipes_geom_gist" ON "lifelines_pipes" USING gist ("geom");