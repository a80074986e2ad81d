-- Appointments and the live queue (Đặt lịch làm TTHC / bốc số trực tuyến).

-- A public service centre: the provincial Public Administration Service Centre or a commune one-stop desk.
CREATE TABLE centres (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code                text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9-]{2,64}$'),
  name                text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  address             text CHECK (char_length(address) <= 300),
  lat                 double precision CHECK (lat BETWEEN -90 AND 90),
  lng                 double precision CHECK (lng BETWEEN -180 AND 180),
  -- The agency whose counter officers work here.
  agency_id           uuid NOT NULL REFERENCES agencies (id),
  -- How far ahead citizens may book, in working days.
  booking_days        integer NOT NULL DEFAULT 14 CHECK (booking_days BETWEEN 1 AND 60),
  -- After this many appointments in a row, one walk-in is called (walk-ins are never starved).
  walk_in_interleave  integer NOT NULL DEFAULT 2 CHECK (walk_in_interleave BETWEEN 1 AND 20),
  active              boolean NOT NULL DEFAULT true,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);

-- Opening sessions per ISO weekday (1 = Monday), in minutes after midnight, Vietnam time.
CREATE TABLE centre_sessions (
  centre_id   uuid NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
  weekday     smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  starts_min  integer NOT NULL CHECK (starts_min BETWEEN 0 AND 1440),
  ends_min    integer NOT NULL CHECK (ends_min BETWEEN 0 AND 1440),
  CHECK (ends_min > starts_min),
  PRIMARY KEY (centre_id, weekday, starts_min)
);

-- Days a centre is closed beyond the shared calendar (public holidays close every centre).
CREATE TABLE centre_closures (
  centre_id  uuid NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
  day        date NOT NULL,
  reason     text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 200),
  PRIMARY KEY (centre_id, day)
);

-- A service field (lĩnh vực TTHC) a centre serves, with the letter of its ticket numbers (A001, B001...).
CREATE TABLE service_fields (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  centre_id     uuid NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
  code          text NOT NULL CHECK (code ~ '^[a-z0-9-]{2,64}$'),
  name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  letter        text NOT NULL CHECK (letter ~ '^[A-Z]$'),
  slot_minutes  integer NOT NULL DEFAULT 15 CHECK (slot_minutes BETWEEN 5 AND 240),
  -- Places per slot; NULL = the number of active counters serving the field.
  capacity      integer CHECK (capacity BETWEEN 1 AND 100),
  active        boolean NOT NULL DEFAULT true,
  UNIQUE (centre_id, code),
  -- Checked at commit, so a reconfiguration may swap two fields' letters.
  UNIQUE (centre_id, letter) DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE counters (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  centre_id  uuid NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
  number     integer NOT NULL CHECK (number BETWEEN 1 AND 999),
  name       text CHECK (char_length(name) <= 100),
  active     boolean NOT NULL DEFAULT true,
  UNIQUE (centre_id, number)
);

CREATE TABLE counter_fields (
  counter_id  uuid NOT NULL REFERENCES counters (id) ON DELETE CASCADE,
  field_id    uuid NOT NULL REFERENCES service_fields (id) ON DELETE CASCADE,
  PRIMARY KEY (counter_id, field_id)
);

-- One row per bookable slot, made when first shown or booked. Capacity is the database's business: a booking
-- is `UPDATE slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity`, so 500 concurrent requests
-- for 10 places confirm exactly 10 (no check-then-insert).
CREATE TABLE slots (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  field_id    uuid NOT NULL REFERENCES service_fields (id) ON DELETE CASCADE,
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL,
  capacity    integer NOT NULL CHECK (capacity >= 1),
  booked      integer NOT NULL DEFAULT 0,
  CHECK (booked BETWEEN 0 AND capacity),
  CHECK (ends_at > starts_at),
  UNIQUE (field_id, starts_at)
);

CREATE TABLE bookings (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Shown as text and QR; random, so a code cannot be guessed from another.
  code            text NOT NULL UNIQUE,
  citizen_id      uuid NOT NULL REFERENCES citizens (id),
  idempotency_key text NOT NULL,
  centre_id       uuid NOT NULL REFERENCES centres (id),
  field_id        uuid NOT NULL REFERENCES service_fields (id),
  slot_id         uuid NOT NULL REFERENCES slots (id),
  -- The slot's Vietnam day, for the one-booking-per-field-per-day rule.
  day             date NOT NULL,
  starts_at       timestamptz NOT NULL,
  name            text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
  phone           text NOT NULL,
  status          text NOT NULL DEFAULT 'confirmed'
                    CHECK (status IN ('confirmed', 'cancelled', 'checked_in', 'no_show')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  cancelled_at    timestamptz,
  checked_in_at   timestamptz,
  CONSTRAINT bookings_idempotency_key UNIQUE (citizen_id, idempotency_key)
);
-- Anti-hoarding, enforced by the database: one active booking per person, field and day.
CREATE UNIQUE INDEX bookings_one_per_field_day ON bookings (citizen_id, field_id, day) WHERE status = 'confirmed';
CREATE INDEX bookings_citizen_idx ON bookings (citizen_id, starts_at DESC);
CREATE INDEX bookings_slot_idx ON bookings (slot_id);
