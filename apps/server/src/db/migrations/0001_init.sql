-- Foundation: reference data (province, communes, agencies, categories), staff accounts, sessions, audit log.

-- Extensions are database-wide; create them in public so isolated schemas share them. The advisory lock
-- serialises concurrent first migrations (parallel test schemas) around CREATE EXTENSION.
SELECT pg_advisory_xact_lock(7202501);
CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

-- unaccent() is only STABLE; this wrapper with a fixed dictionary can back expression indexes, so
-- "ubnd xa ea kar" finds "UBND xã Ea Kar" (unaccent maps đ to d as well).
CREATE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

CREATE TABLE provinces (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  full_name   text NOT NULL
);

CREATE TABLE communes (
  code           text PRIMARY KEY,
  province_code  text NOT NULL REFERENCES provinces (code),
  name           text NOT NULL,
  full_name      text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('xa', 'phuong')),
  area_km2       numeric(10, 2)
);
CREATE INDEX communes_province_idx ON communes (province_code);

CREATE TABLE agencies (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code          text NOT NULL UNIQUE,
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN
                  ('department', 'commune_committee', 'commune_police', 'service_centre', 'dispatcher', 'other')),
  commune_code  text REFERENCES communes (code),
  phone         text,
  email         text,
  address       text,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX agencies_name_search_idx ON agencies USING gin (lower(f_unaccent(name)) gin_trgm_ops);
CREATE INDEX agencies_commune_idx ON agencies (commune_code);

CREATE TABLE categories (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code                    text NOT NULL UNIQUE,
  name_vi                 text NOT NULL,
  name_en                 text NOT NULL,
  icon                    text NOT NULL,
  default_deadline_hours  integer NOT NULL CHECK (default_deadline_hours > 0),
  sort_order              integer NOT NULL DEFAULT 100,
  active                  boolean NOT NULL DEFAULT true,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff_users (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username              text NOT NULL,
  full_name             text NOT NULL,
  role                  text NOT NULL CHECK (role IN
                          ('admin', 'dispatcher', 'agency_manager', 'agency_officer', 'counter_officer')),
  agency_id             uuid REFERENCES agencies (id),
  password_hash         text NOT NULL,
  active                boolean NOT NULL DEFAULT true,
  failed_login_count    integer NOT NULL DEFAULT 0,
  locked_until          timestamptz,
  password_changed_at   timestamptz NOT NULL DEFAULT now(),
  last_login_at         timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  -- Agency-scoped roles must belong to an agency; the database refuses a half-configured account.
  CONSTRAINT staff_users_agency_required CHECK (role IN ('admin', 'dispatcher') OR agency_id IS NOT NULL)
);
CREATE UNIQUE INDEX staff_users_username_key ON staff_users (lower(username));
CREATE INDEX staff_users_agency_idx ON staff_users (agency_id);

CREATE TABLE staff_sessions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash    bytea NOT NULL UNIQUE,
  user_id       uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  ip            text,
  user_agent    text
);
CREATE INDEX staff_sessions_user_idx ON staff_sessions (user_id);
CREATE INDEX staff_sessions_expiry_idx ON staff_sessions (expires_at);

CREATE TABLE audit_log (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at              timestamptz NOT NULL DEFAULT now(),
  actor_id        uuid,
  actor_username  text,
  action          text NOT NULL,
  entity_type     text NOT NULL,
  entity_id       text,
  before          jsonb,
  after           jsonb,
  request_id      text,
  ip              text
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at DESC);

-- The audit log is append-only: no row is ever changed or removed, not even by the application.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
