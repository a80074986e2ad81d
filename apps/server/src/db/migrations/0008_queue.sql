-- The live queue: numbered tickets per field and day, counters calling them.

-- Ticket numbers per field and day, taken in the transaction that makes the ticket (unique and gapless).
CREATE TABLE ticket_counters (
  field_id  uuid NOT NULL REFERENCES service_fields (id) ON DELETE CASCADE,
  day       date NOT NULL,
  last      integer NOT NULL,
  PRIMARY KEY (field_id, day)
);

CREATE TABLE tickets (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  centre_id       uuid NOT NULL REFERENCES centres (id),
  field_id        uuid NOT NULL REFERENCES service_fields (id),
  day             date NOT NULL,
  number          integer NOT NULL CHECK (number >= 1),
  -- As shown and spoken: the field's letter and three digits, A001.
  display         text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('appointment', 'walk_in')),
  booking_id      uuid UNIQUE REFERENCES bookings (id),
  -- For appointments: the slot's start, which orders them in the queue.
  slot_starts_at  timestamptz,
  citizen_id      uuid REFERENCES citizens (id),
  -- Priority persons by law (elderly, disabled, pregnant, with small children), flagged by an officer.
  priority        boolean NOT NULL DEFAULT false,
  status          text NOT NULL DEFAULT 'waiting'
                    CHECK (status IN ('waiting', 'called', 'served', 'absent', 'transferred')),
  counter_id      uuid REFERENCES counters (id),
  called_by       uuid REFERENCES staff_users (id),
  recalls         integer NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL DEFAULT now(),
  called_at       timestamptz,
  finished_at     timestamptz,
  -- A ticket moved to another field keeps its history and points to the new one.
  transferred_to  uuid REFERENCES tickets (id),
  UNIQUE (field_id, day, number),
  CHECK ((kind = 'appointment') = (booking_id IS NOT NULL))
);
CREATE INDEX tickets_waiting_idx ON tickets (field_id, day, priority DESC, created_at) WHERE status = 'waiting';
CREATE INDEX tickets_centre_day_idx ON tickets (centre_id, day, status);

-- How many appointments a centre has called in a row today (a walk-in goes next after walk_in_interleave of them).
CREATE TABLE queue_state (
  centre_id            uuid NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
  day                  date NOT NULL,
  appointments_in_row  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (centre_id, day)
);

-- Which officer works at which counter now.
CREATE TABLE counter_sessions (
  counter_id     uuid PRIMARY KEY REFERENCES counters (id) ON DELETE CASCADE,
  staff_user_id  uuid NOT NULL UNIQUE REFERENCES staff_users (id) ON DELETE CASCADE,
  started_at     timestamptz NOT NULL DEFAULT now()
);
