CREATE TABLE "catalogue_features" (
	"layer_id" text NOT NULL,
	"feature_index" integer NOT NULL,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"geom" geometry(Geometry,4326) NOT NULL,
	CONSTRAINT "catalogue_features_pk" PRIMARY KEY("layer_id","feature_index")
);
--> statement-breakpoint
ALTER TABLE "layers" ADD COLUMN "origin" text DEFAULT 'seed' NOT NULL;--> statement-breakpoint
ALTER TABLE "layers" ADD COLUMN "region_code" text;--> statement-breakpoint
ALTER TABLE "layers" ADD COLUMN "visibility" text DEFAULT 'public' NOT NULL;--> statement-breakpoint
ALTER TABLE "layers" ADD COLUMN "attribution" text;--> statement-breakpoint
ALTER TABLE "layers" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "layers" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "catalogue_features" ADD CONSTRAINT "catalogue_features_layer_id_layers_id_fk" FOREIGN KEY ("layer_id") REFERENCES "public"."layers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalogue_features_geom_gist" ON "catalogue_features" USING gist ("geom");--> statement-breakpoint
ALTER TABLE "layers" ADD CONSTRAINT "layers_created_by_accounts_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "layers_origin_region_idx" ON "layers" USING btree ("origin","region_code");