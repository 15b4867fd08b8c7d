CREATE TABLE "sensors_alarm_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"sensor_type" text NOT NULL,
	"asset_kind" text,
	"kind" text NOT NULL,
	"direction" text NOT NULL,
	"level1" double precision,
	"level2" double precision,
	"level3" double precision,
	"level1_source" text DEFAULT '' NOT NULL,
	"level2_source" text DEFAULT '' NOT NULL,
	"level3_source" text DEFAULT '' NOT NULL,
	"active_from_minute" integer,
	"active_to_minute" integer,
	"is_enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sensors_alarm_rules_kind_ck" CHECK ("sensors_alarm_rules"."kind" IN ('threshold','rate-of-change','no-data')),
	CONSTRAINT "sensors_alarm_rules_direction_ck" CHECK ("sensors_alarm_rules"."direction" IN ('above','below')),
	CONSTRAINT "sensors_alarm_rules_levels_ck" CHECK (COALESCE("sensors_alarm_rules"."level1", "sensors_alarm_rules"."level2", "sensors_alarm_rules"."level3") IS NOT NULL),
	CONSTRAINT "sensors_alarm_rules_window_ck" CHECK (("sensors_alarm_rules"."active_from_minute" IS NULL) = ("sensors_alarm_rules"."active_to_minute" IS NULL) AND COALESCE("sensors_alarm_rules"."active_from_minute" BETWEEN 0 AND 1439, true) AND COALESCE("sensors_alarm_rules"."active_to_minute" BETWEEN 0 AND 1440, true))
);
--> statement-breakpoint
CREATE TABLE "sensors_alarms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sensor_id" uuid NOT NULL,
	"rule_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"level" integer NOT NULL,
	"value" double precision NOT NULL,
	"last_value" double precision NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"deadline_at" timestamp with time zone NOT NULL,
	"assignee_id" text,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sensors_alarms_level_ck" CHECK ("sensors_alarms"."level" BETWEEN 1 AND 3),
	CONSTRAINT "sensors_alarms_status_ck" CHECK ("sensors_alarms"."status" IN ('pending','dispatched','handling','closed','false-alarm'))
);
--> statement-breakpoint
CREATE TABLE "sensors_devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"unit" text NOT NULL,
	"position" geometry(Point,4326) NOT NULL,
	"asset_kind" text,
	"asset_id" text,
	"region_code" text NOT NULL,
	"gateway_id" uuid,
	"token_sha256" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_observed_at" timestamp with time zone,
	"last_value" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sensors_gateways" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"token_sha256" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sensors_readings" (
	"sensor_id" uuid NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sensors_readings_sensor_id_observed_at_pk" PRIMARY KEY("sensor_id","observed_at")
);
--> statement-breakpoint
ALTER TABLE "sensors_alarms" ADD CONSTRAINT "sensors_alarms_sensor_id_sensors_devices_id_fk" FOREIGN KEY ("sensor_id") REFERENCES "public"."sensors_devices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sensors_alarms" ADD CONSTRAINT "sensors_alarms_rule_id_sensors_alarm_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."sensors_alarm_rules"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sensors_alarms" ADD CONSTRAINT "sensors_alarms_assignee_id_accounts_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."accounts_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sensors_devices" ADD CONSTRAINT "sensors_devices_gateway_id_sensors_gateways_id_fk" FOREIGN KEY ("gateway_id") REFERENCES "public"."sensors_gateways"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sensors_alarm_rules_code_uq" ON "sensors_alarm_rules" USING btree ("code");--> statement-breakpoint
CREATE INDEX "sensors_alarm_rules_type_idx" ON "sensors_alarm_rules" USING btree ("sensor_type");--> statement-breakpoint
CREATE UNIQUE INDEX "sensors_alarms_open_uq" ON "sensors_alarms" USING btree ("sensor_id","rule_id") WHERE "sensors_alarms"."status" IN ('pending','dispatched','handling');--> statement-breakpoint
CREATE INDEX "sensors_alarms_region_status_idx" ON "sensors_alarms" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "sensors_alarms_sensor_idx" ON "sensors_alarms" USING btree ("sensor_id","last_seen_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sensors_devices_code_uq" ON "sensors_devices" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "sensors_devices_token_uq" ON "sensors_devices" USING btree ("token_sha256");--> statement-breakpoint
CREATE INDEX "sensors_devices_region_idx" ON "sensors_devices" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "sensors_devices_gateway_idx" ON "sensors_devices" USING btree ("gateway_id");--> statement-breakpoint
CREATE INDEX "sensors_devices_asset_idx" ON "sensors_devices" USING btree ("asset_kind","asset_id");--> statement-breakpoint
CREATE INDEX "sensors_devices_position_gist" ON "sensors_devices" USING gist ("position");--> statement-breakpoint
CREATE UNIQUE INDEX "sensors_gateways_code_uq" ON "sensors_gateways" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "sensors_gateways_token_uq" ON "sensors_gateways" USING btree ("token_sha256");--> statement-breakpoint
CREATE INDEX "sensors_gateways_region_idx" ON "sensors_gateways" USING btree ("region_code");