-- Planning lookup (Tra cứu quy hoạch): approved plans imported from GeoJSON / Shapefile, looked up by point,
-- parcel and viewport. Geometry is GeoJSON (WGS84) in jsonb with its bounding box in a core `box` column under a
-- GiST index; the exact point-in-polygon test runs in the server's code, the same on PGlite and PostgreSQL
-- (docs/DECISIONS.md: no PostGIS).

-- Planning officers of the land and construction departments work for one agency.
ALTER TABLE staff_users DROP CONSTRAINT staff_users_role_check;
ALTER TABLE staff_users ADD CONSTRAINT staff_users_role_check CHECK (role IN
  ('admin', 'dispatcher', 'agency_manager', 'agency_officer', 'counter_officer', 'planning_officer'));

-- The land-use code dictionary: TT 08/2024/TT-BTNMT codes and the older TT 27/2018 ones still found in files.
CREATE TABLE land_use_codes (
  code        text PRIMARY KEY CHECK (code ~ '^[A-Z]{2,4}$'),
  name_vi     text NOT NULL CHECK (char_length(name_vi) BETWEEN 1 AND 200),
  name_en     text NOT NULL CHECK (char_length(name_en) BETWEEN 1 AND 200),
  land_group  text NOT NULL CHECK (land_group IN ('agricultural', 'non_agricultural', 'unused')),
  color       text NOT NULL CHECK (color ~ '^#[0-9a-f]{6}$'),
  legacy      boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE planning_datasets (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agency_id           uuid NOT NULL REFERENCES agencies (id),
  name                text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  kind                text NOT NULL CHECK (kind IN ('land_use_district', 'land_use_province', 'construction_general',
                        'construction_zoning', 'construction_detailed', 'cadastral')),
  status              text NOT NULL DEFAULT 'in_force' CHECK (status IN ('in_force', 'superseded', 'draft')),
  decision_number     text,
  decision_date       date,
  decision_authority  text,
  decision_url        text,
  scale               text,
  period_start        integer,
  period_end          integer,
  commune_codes       text[] NOT NULL DEFAULT '{}',
  -- The column mapping of the last import: { zone: { code: 'MDSD', … }, parcel: { … } }.
  column_mapping      jsonb NOT NULL DEFAULT '{}',
  -- The import whose rows are live; NULL until the first publish. Switching it is the atomic replacement.
  live_import_id      uuid,
  published_at        timestamptz,
  feature_count       integer NOT NULL DEFAULT 0,
  -- Extent of the live features in WGS84 degrees.
  extent_west         double precision,
  extent_south        double precision,
  extent_east         double precision,
  extent_north        double precision,
  is_sample           boolean NOT NULL DEFAULT false,
  created_by          uuid REFERENCES staff_users (id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT planning_datasets_period CHECK (period_start IS NULL OR period_end IS NULL OR period_end >= period_start)
);
CREATE INDEX planning_datasets_agency_idx ON planning_datasets (agency_id);

CREATE TABLE planning_imports (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dataset_id        uuid NOT NULL REFERENCES planning_datasets (id) ON DELETE CASCADE,
  status            text NOT NULL DEFAULT 'uploaded' CHECK (status IN
                      ('uploaded', 'queued', 'running', 'validated', 'published', 'failed', 'cancelled')),
  file_key          text NOT NULL,
  file_name         text NOT NULL,
  file_size         bigint NOT NULL,
  format            text NOT NULL CHECK (format IN ('geojson', 'shapefile')),
  detected          jsonb NOT NULL,
  encoding          text CHECK (encoding IN ('utf-8', 'windows-1258', 'tcvn3')),
  crs               text CHECK (crs IN ('EPSG:4326', 'EPSG:9218', 'EPSG:3405', 'EPSG:3406')),
  column_mapping    jsonb NOT NULL DEFAULT '{}',
  processed         integer NOT NULL DEFAULT 0,
  total             integer,
  report            jsonb,
  cancel_requested  boolean NOT NULL DEFAULT false,
  -- A worker holds a running import until this time and extends it while it works; an expired lease is retaken.
  lease_until       timestamptz,
  created_by        uuid REFERENCES staff_users (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  started_at        timestamptz,
  finished_at       timestamptz,
  published_at      timestamptz
);
CREATE INDEX planning_imports_dataset_idx ON planning_imports (dataset_id, created_at DESC);
CREATE INDEX planning_imports_pending_idx ON planning_imports (status) WHERE status IN ('queued', 'running');

-- Zones of a plan. Rows of an import that is not the dataset's live one are staged (invisible to lookups).
CREATE TABLE planning_zones (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  import_id     uuid NOT NULL REFERENCES planning_imports (id) ON DELETE CASCADE,
  dataset_id    uuid NOT NULL,
  source_index  integer NOT NULL,
  code          text NOT NULL,
  name          text,
  function      text,
  area_m2       double precision,
  density_pct   double precision,
  max_floors    integer,
  max_height_m  double precision,
  setback       text,
  note          text,
  -- GeoJSON Polygon or MultiPolygon in WGS84, coordinates rounded to 1e-7 degrees.
  geom          jsonb NOT NULL,
  bbox          box NOT NULL
);
CREATE INDEX planning_zones_bbox_idx ON planning_zones USING gist (bbox);
CREATE INDEX planning_zones_import_idx ON planning_zones (import_id);
CREATE INDEX planning_zones_dataset_idx ON planning_zones (dataset_id);

-- Cadastral parcels (bản đồ địa chính), keyed by commune, map sheet and parcel number within an import.
CREATE TABLE planning_parcels (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  import_id     uuid NOT NULL REFERENCES planning_imports (id) ON DELETE CASCADE,
  dataset_id    uuid NOT NULL,
  source_index  integer NOT NULL,
  commune_code  text NOT NULL,
  sheet         text NOT NULL,
  parcel_no     text NOT NULL,
  area_m2       double precision,
  land_type     text,
  address       text,
  geom          jsonb NOT NULL,
  bbox          box NOT NULL
);
CREATE INDEX planning_parcels_bbox_idx ON planning_parcels USING gist (bbox);
CREATE INDEX planning_parcels_key_idx ON planning_parcels (import_id, commune_code, sheet, parcel_no);
CREATE INDEX planning_parcels_dataset_idx ON planning_parcels (dataset_id);
