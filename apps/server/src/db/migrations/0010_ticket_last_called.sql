-- A recall announces the number again without changing when it was first called (waiting and service times
-- in the statistics count from the first call).
ALTER TABLE tickets ADD COLUMN last_called_at timestamptz;
UPDATE tickets SET last_called_at = called_at WHERE called_at IS NOT NULL;
