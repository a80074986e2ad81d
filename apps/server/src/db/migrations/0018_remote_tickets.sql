-- "Bốc số trực tuyến": a citizen takes today's number from the phone while the centre is open, then confirms
-- arrival at the kiosk (with the number's code) or at the counter.
ALTER TABLE tickets DROP CONSTRAINT tickets_kind_check;
ALTER TABLE tickets ADD CONSTRAINT tickets_kind_check CHECK (kind IN ('appointment', 'walk_in', 'remote'));
-- Remote numbers: the code typed or scanned at the kiosk, the retry key of the phone's request, the arrival.
ALTER TABLE tickets ADD COLUMN code text CHECK (code ~ '^[A-Z0-9]{8}$');
ALTER TABLE tickets ADD COLUMN idempotency_key text CHECK (char_length(idempotency_key) <= 200);
ALTER TABLE tickets ADD COLUMN confirmed_at timestamptz;
ALTER TABLE tickets ADD CONSTRAINT tickets_remote_shape
  CHECK ((kind = 'remote') = (code IS NOT NULL AND idempotency_key IS NOT NULL AND citizen_id IS NOT NULL));
CREATE UNIQUE INDEX tickets_code ON tickets (code) WHERE code IS NOT NULL;
CREATE UNIQUE INDEX tickets_idempotency_key ON tickets (citizen_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
-- One live remote number per person and centre: a second one is refused by the database, not by a prior check.
CREATE UNIQUE INDEX tickets_one_live_remote ON tickets (citizen_id, centre_id, day)
  WHERE kind = 'remote' AND status IN ('waiting', 'called');

-- How many remote numbers a field gives out per day; NULL: none (the field is not open to remote numbers).
ALTER TABLE service_fields ADD COLUMN remote_daily_cap integer CHECK (remote_daily_cap BETWEEN 1 AND 999);
-- Remote numbers given out per field and day, raised only while under the cap (one conditional upsert).
ALTER TABLE ticket_counters ADD COLUMN remote integer NOT NULL DEFAULT 0 CHECK (remote >= 0);
