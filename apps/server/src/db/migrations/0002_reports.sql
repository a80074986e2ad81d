-- Field reports (phản ánh hiện trường): citizens, commune boundaries, routing rules, reports and their timeline.

-- A citizen is whoever sends reports: an anonymous device on the web, later linked to a Zalo account.
CREATE TABLE citizens (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zalo_id     text UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Bearer tokens of citizen devices, stored as SHA-256 like staff sessions.
CREATE TABLE citizen_tokens (
  token_hash    bytea PRIMARY KEY,
  citizen_id    uuid NOT NULL REFERENCES citizens (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX citizen_tokens_citizen_idx ON citizen_tokens (citizen_id);

-- Commune boundaries, one row per polygon part (no holes in the source data; see reference/daklak).
-- Lookups filter on the bounding box with `bbox && box(point, point)` (GiST), then test the polygon exactly.
CREATE TABLE commune_boundaries (
  commune_code  text NOT NULL REFERENCES communes (code) ON DELETE CASCADE,
  part          integer NOT NULL,
  bbox          box NOT NULL,
  shape         polygon NOT NULL,
  PRIMARY KEY (commune_code, part)
);
CREATE INDEX commune_boundaries_bbox_idx ON commune_boundaries USING gist (bbox);

-- Which reference files were loaded, so a restart does not reload unchanged boundaries.
CREATE TABLE reference_imports (
  name        text PRIMARY KEY,
  sha256      text NOT NULL,
  loaded_at   timestamptz NOT NULL DEFAULT now()
);

-- Routing: category x commune -> agency. A NULL commune is the rule for the whole province; a report
-- matching no rule goes to the provincial dispatcher.
CREATE TABLE routing_rules (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  category_id   uuid NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
  commune_code  text REFERENCES communes (code) ON DELETE CASCADE,
  agency_id     uuid NOT NULL REFERENCES agencies (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX routing_rules_key ON routing_rules (category_id, coalesce(commune_code, ''));

-- Reference codes PA-<year>-<n>: one counter per year, taken in the submitting transaction (gapless).
CREATE TABLE report_counters (
  year  integer PRIMARY KEY,
  last  integer NOT NULL
);

CREATE TABLE reports (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code              text NOT NULL UNIQUE,
  citizen_id        uuid NOT NULL REFERENCES citizens (id),
  -- The client's key for this draft: a retried submission finds the report it already created.
  idempotency_key   text NOT NULL,
  request_hash      text NOT NULL,
  category_id       uuid NOT NULL REFERENCES categories (id),
  commune_code      text NOT NULL REFERENCES communes (code),
  agency_id         uuid NOT NULL REFERENCES agencies (id),
  status            text NOT NULL DEFAULT 'submitted' CHECK (status IN
                      ('submitted', 'accepted', 'in_progress', 'resolved', 'published', 'rejected', 'reopened')),
  priority          text NOT NULL DEFAULT 'normal' CHECK (priority IN ('urgent', 'normal', 'complex')),
  description       text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 4000),
  address_text      text,
  lat               double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng               double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  accuracy_m        real,
  location_source   text NOT NULL CHECK (location_source IN ('gps', 'map')),
  contact_phone     text,
  hide_identity     boolean NOT NULL DEFAULT true,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT reports_idempotency_key UNIQUE (citizen_id, idempotency_key)
);
CREATE INDEX reports_agency_status_idx ON reports (agency_id, status, created_at DESC);
CREATE INDEX reports_citizen_idx ON reports (citizen_id, created_at DESC);
CREATE INDEX reports_category_created_idx ON reports (category_id, created_at DESC);
-- Nearby-report searches: a box around a point.
CREATE INDEX reports_location_idx ON reports USING gist (box(point(lng, lat), point(lng, lat)));

-- Every status change and note, in order; `public` ones form the citizen's timeline.
CREATE TABLE report_events (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  report_id     uuid NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  at            timestamptz NOT NULL DEFAULT now(),
  actor_type    text NOT NULL CHECK (actor_type IN ('citizen', 'staff', 'system')),
  actor_id      uuid,
  kind          text NOT NULL,
  from_status   text,
  to_status     text,
  note          text,
  visibility    text NOT NULL CHECK (visibility IN ('public', 'internal'))
);
CREATE INDEX report_events_report_idx ON report_events (report_id, id);
