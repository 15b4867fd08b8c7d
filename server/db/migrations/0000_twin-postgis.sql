-- Custom migration (drizzle-kit generate --custom --name twin-postgis): extensions the twin schema needs.
-- PostGIS for geometry(…,4326) columns and GiST indexes; pg_trgm for ILIKE search on element names.
CREATE EXTENSION IF NOT EXISTS postgis;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
