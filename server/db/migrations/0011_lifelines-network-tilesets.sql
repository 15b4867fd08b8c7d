CREATE TABLE "lifelines_network_tilesets" (
	"network" text NOT NULL,
	"region_code" text NOT NULL,
	"prefix" text NOT NULL,
	"bounding_region" jsonb NOT NULL,
	"geometric_error" double precision NOT NULL,
	"pipe_count" integer NOT NULL,
	"tile_count" integer NOT NULL,
	"bytes" bigint NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lifelines_network_tilesets_network_region_code_pk" PRIMARY KEY("network","region_code"),
	CONSTRAINT "lifelines_network_tilesets_network_ck" CHECK ("lifelines_network_tilesets"."network" IN ('water','storm','sewage','gas','heat'))
);
