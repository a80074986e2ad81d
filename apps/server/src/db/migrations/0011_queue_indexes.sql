-- Call-next picks due appointments by slot time, and the board lists the last calls: both without reading every
-- ticket of the day.
CREATE INDEX tickets_waiting_appointments_idx ON tickets (field_id, day, slot_starts_at, created_at)
  WHERE status = 'waiting' AND kind = 'appointment';
CREATE INDEX tickets_last_called_idx ON tickets (centre_id, day, last_called_at DESC) WHERE last_called_at IS NOT NULL;
