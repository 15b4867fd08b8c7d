-- Custom migration (drizzle-kit generate --custom --name sensors-readings): readings partitioned by month.
-- Drizzle cannot declare a partitioned table, so 0008_sensors-init created sensors_readings as a plain (empty)
-- table; it is replaced here by the same columns and primary key, PARTITION BY RANGE (observed_at). Self-contained:
-- it names only sensors_* objects, so the integrator may renumber it together with sensors-init.
--
-- Partitions: one per calendar month in UTC, sensors_readings_pYYYYMM, [first instant of the month, first of the
-- next). sensors_readings_default takes any reading outside them (accepted, never lost); creating the month's
-- partition later moves its rows out of the default partition. Both functions run as the owner (SECURITY DEFINER),
-- so the app role (no CREATE privilege) can call them from the sensors.maintain-partitions job.
DROP TABLE "sensors_readings";
--> statement-breakpoint
CREATE TABLE "sensors_readings" (
	"sensor_id" uuid NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"value" double precision NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sensors_readings_sensor_id_observed_at_pk" PRIMARY KEY("sensor_id","observed_at")
) PARTITION BY RANGE ("observed_at");
--> statement-breakpoint
CREATE TABLE "sensors_readings_default" PARTITION OF "sensors_readings" DEFAULT;
--> statement-breakpoint
-- Creates the missing monthly partitions of every month overlapping [p_from, p_to) (UTC months, at most 240),
-- moving rows of those months out of the default partition. Returns how many partitions it created.
CREATE FUNCTION sensors_create_reading_partitions(p_from timestamptz, p_to timestamptz) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  month_start timestamptz := date_trunc('month', p_from AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  month_end timestamptz;
  part text;
  created integer := 0;
BEGIN
  IF p_from IS NULL OR p_to IS NULL OR p_to <= p_from OR p_to - p_from > interval '20 years' THEN
    RAISE EXCEPTION 'sensors_create_reading_partitions: need p_from < p_to within 20 years, got % and %', p_from, p_to
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  WHILE month_start < p_to LOOP
    month_end := ((month_start AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC';
    part := 'sensors_readings_p' || to_char(month_start AT TIME ZONE 'UTC', 'YYYYMM');
    IF to_regclass(part) IS NULL THEN
      -- Block writes to the default partition while its rows of this month move (ATTACH re-checks it).
      LOCK TABLE sensors_readings_default IN SHARE ROW EXCLUSIVE MODE;
      EXECUTE format('CREATE TABLE %I (LIKE sensors_readings INCLUDING DEFAULTS)', part);
      EXECUTE format(
        'WITH moved AS (DELETE FROM sensors_readings_default WHERE observed_at >= $1 AND observed_at < $2 RETURNING *) INSERT INTO %I SELECT * FROM moved',
        part) USING month_start, month_end;
      EXECUTE format('ALTER TABLE sensors_readings ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, month_start, month_end);
      created := created + 1;
    END IF;
    month_start := month_end;
  END LOOP;
  RETURN created;
END;
$$;
--> statement-breakpoint
-- Retention: drops every monthly partition that ends at or before p_before and deletes older rows of the default
-- partition. Refuses a p_before later than 28 days ago (a bug must not drop current data). Returns partitions dropped.
CREATE FUNCTION sensors_drop_reading_partitions(p_before timestamptz) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  part record;
  part_end timestamptz;
  dropped integer := 0;
BEGIN
  IF p_before IS NULL OR p_before > now() - interval '28 days' THEN
    RAISE EXCEPTION 'sensors_drop_reading_partitions: p_before must be at least 28 days ago, got %', p_before
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  FOR part IN
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'sensors_readings'::regclass AND c.relname ~ '^sensors_readings_p[0-9]{6}$' ORDER BY c.relname
  LOOP
    part_end := ((to_date(substr(part.name, 19), 'YYYYMM')::timestamp) + interval '1 month') AT TIME ZONE 'UTC';
    IF part_end <= p_before THEN
      EXECUTE format('DROP TABLE %I', part.name);
      dropped := dropped + 1;
    END IF;
  END LOOP;
  DELETE FROM sensors_readings_default WHERE observed_at < p_before;
  RETURN dropped;
END;
$$;
--> statement-breakpoint
-- The months around the migration; the job keeps SENSORS_PARTITION_MONTHS_AHEAD months ahead from then on.
SELECT sensors_create_reading_partitions(now() - interval '1 month', now() + interval '3 months');
