-- Open311 GeoReport v2: API clients, typed attributes per category, reports filed by clients.

-- A named client (a provincial operations centre, a national aggregator) with an API key. Only the SHA-256
-- of the key is kept; the key is shown once when an admin issues it. Reports a client files belong to the
-- client's own citizen identity, so "my reports" and idempotency work as for the app.
CREATE TABLE api_clients (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
  contact     text CHECK (char_length(contact) <= 200),
  key_hash    bytea NOT NULL UNIQUE,
  key_prefix  text NOT NULL,
  citizen_id  uuid NOT NULL REFERENCES citizens (id),
  created_by  uuid REFERENCES staff_users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

-- Extra questions of a category (Open311 service definition attributes).
CREATE TABLE category_attributes (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  category_id           uuid NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
  code                  text NOT NULL CHECK (code ~ '^[A-Za-z0-9_-]{1,64}$'),
  datatype              text NOT NULL CHECK (datatype IN
                          ('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist')),
  description           text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 500),
  datatype_description  text CHECK (char_length(datatype_description) <= 500),
  required              boolean NOT NULL DEFAULT false,
  sort_order            integer NOT NULL DEFAULT 0,
  -- [{ "key": "...", "name": "..." }] for the list datatypes; [] otherwise.
  values                jsonb NOT NULL DEFAULT '[]',
  UNIQUE (category_id, code)
);

ALTER TABLE reports
  ADD COLUMN source text NOT NULL DEFAULT 'app' CHECK (source IN ('app', 'open311')),
  ADD COLUMN api_client_id uuid REFERENCES api_clients (id),
  -- A link the client sent (Open311 media_url); the server never fetches it.
  ADD COLUMN media_url text CHECK (char_length(media_url) <= 2000),
  -- Who to contact, as a client sent it (never public).
  ADD COLUMN reporter_name text CHECK (char_length(reporter_name) <= 200),
  ADD COLUMN reporter_email text CHECK (char_length(reporter_email) <= 200),
  ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}',
  -- Open311 token: a client can look up the request id from it.
  ADD COLUMN open311_token text UNIQUE;

-- Reports a client placed by address only are put at the centre of the commune the address names.
ALTER TABLE reports DROP CONSTRAINT reports_location_source_check;
ALTER TABLE reports ADD CONSTRAINT reports_location_source_check CHECK (location_source IN ('gps', 'map', 'address'));

CREATE INDEX reports_updated_idx ON reports (updated_at);
CREATE INDEX report_events_at_idx ON report_events (at) WHERE visibility = 'public';
